import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('functions and classes (fixtures/api-functions)', async () => {
  const a = await loadFixture('api-functions');

  it('napi_get_cb_info fills missing arguments with undefined and reports the real argc', () => {
    expect(a.cbInfo(1, 'x')).toEqual({ argc: 2, argv: [1, 'x', undefined, undefined], this: a });
    expect(a.cbInfo(1, 2, 3, 4, 5, 6)).toMatchObject({ argc: 6, argv: [1, 2, 3, 4] });
    const receiver = { r: 1 };
    expect(a.cbInfo.call(receiver).this).toBe(receiver);
  });

  it('callbacks see a sloppy-mode receiver, as in Node', () => {
    expect(a.cbInfo.call(undefined).this).toBe(globalThis);
    expect(a.cbInfo.call(null).this).toBe(globalThis);
    const boxed = a.cbInfo.call(5).this;
    expect(typeof boxed).toBe('object');
    expect(boxed).toBeInstanceOf(Number);
    expect(a.cbInfo.call('s').this).toBeInstanceOf(String);
  });

  it('napi_get_cb_info: argc alone, and argv without argc is napi_invalid_arg', () => {
    expect(a.argcOnly(1, 2, 3)).toEqual({ status: S.invalid_arg, value: 3 });
  });

  it('napi_get_new_target is NULL without new, new.target with it', () => {
    const plain = a.newTarget();
    expect(plain).toBe(a);
    expect(plain.target).toBe(null);
    const made = new a.newTarget();
    expect(made.target).toBe(a.newTarget);
    expect(made).toBeInstanceOf(a.newTarget);
    class Sub extends a.newTarget {}
    expect(new Sub().target).toBe(Sub);
  });

  it('napi_create_function: name, data, constructible', () => {
    const f = a.makeFunction('adder', 7);
    expect(f.name).toBe('adder');
    expect(f.length).toBe(0);
    expect(f()).toBe(7);
    expect(typeof f.prototype).toBe('object');
    expect(new f()).toBeInstanceOf(f); // a primitive result is ignored by new
    expect(a.makeFunction(undefined, 3).name).toBe('');
    expect(a.makeFunction('héllo', 1).name).toBe('héllo');
  });

  it('napi_call_function', () => {
    expect(a.call((x: number, y: number) => x + y, undefined, 2, 3)).toEqual({ status: S.ok, value: 5 });
    const recv = {};
    expect(
      a.call(function (this: unknown) {
        return this;
      }, recv).value,
    ).toBe(recv);
    expect(a.call((...args: unknown[]) => args.length, null, 1, 2, 3, 4).value).toBe(4);
    expect(() =>
      a.call(() => {
        throw new Error('from js');
      }, undefined),
    ).toThrow('from js');
  });

  it('napi_call_function statuses', () => {
    // recv NULL, not a function, argv NULL with argc 1, result NULL (fine).
    expect(a.callEdgeCases(() => 1)).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.ok]);
    const r = a.callCatch(() => {
      throw new TypeError('caught in C');
    });
    expect(r.status).toBe(S.pending_exception);
    expect(r.error).toBeInstanceOf(TypeError);
    expect(r.error.message).toBe('caught in C');
  });

  it('napi_new_instance', () => {
    class Box {
      constructor(public v: number, public w: number) {}
    }
    const r = a.construct(Box, 1, 2);
    expect(r.status).toBe(S.ok);
    expect(r.value).toBeInstanceOf(Box);
    expect(r.value).toMatchObject({ v: 1, w: 2 });
    expect(a.construct({}).status).toBe(S.invalid_arg);
    expect(() => a.construct(() => 0)).toThrow(TypeError); // not a constructor
  });

  describe('napi_define_class', () => {
    const Point = a.definePoint();

    it('makes a named constructor whose instances wrap C data', () => {
      expect(Point.name).toBe('Point');
      const p = new Point(1, 2);
      expect(p).toBeInstanceOf(Point);
      expect(p.sum()).toBe(3);
      expect(p.x).toBe(1);
      p.x = 5;
      expect(p.sum()).toBe(7);
    });

    it('puts instance properties on the prototype and static ones on the class', () => {
      expect(Object.getOwnPropertyNames(Point.prototype).sort()).toEqual(['constructor', 'kind', 'sum', 'x']);
      expect(Object.getOwnPropertyDescriptor(Point.prototype, 'kind')).toEqual({
        value: 'point',
        writable: false,
        enumerable: false,
        configurable: false,
      });
      expect(Object.getOwnPropertyDescriptor(Point.prototype, 'x')).toMatchObject({ enumerable: true, configurable: true });
      expect(Point.dims).toBe(2);
      expect(Object.keys(Point)).toEqual(['dims']);
      const o = Point.origin();
      expect(o).toBeInstanceOf(Point);
      expect(o.sum()).toBe(0);
    });

    it('names instance methods; static methods and accessors get ""', () => {
      expect(Point.prototype.sum.name).toBe('sum');
      expect(Point.origin.name).toBe('');
      expect(Object.getOwnPropertyDescriptor(Point.prototype, 'x')!.get!.name).toBe('');
    });

    it('instance methods throw "Illegal invocation" on a foreign receiver', () => {
      expect(() => Point.prototype.sum.call({})).toThrow(new TypeError('Illegal invocation'));
      expect(() => Point.prototype.sum.call(Object.create(Point.prototype))).toThrow('Illegal invocation');
    });

    it('can be called without new (the constructor callback decides) and subclassed', () => {
      expect(() => Point(1, 2)).toThrow('Point must be called with new');
      class Point3 extends Point {
        constructor(x: number, y: number, public z: number) {
          super(x, y);
        }
      }
      const p = new Point3(1, 2, 3);
      expect(p.sum()).toBe(3);
      expect(p.z).toBe(3);
    });
  });

  it('napi_wrap / napi_unwrap / napi_remove_wrap', () => {
    const o = {};
    expect(a.wrap(o, 5)).toBe(S.ok);
    expect(a.wrap(o, 6)).toBe(S.invalid_arg); // already wrapped
    expect(a.unwrap(o)).toEqual({ status: S.ok, value: 5 });
    expect(a.removeWrap(o)).toEqual({ status: S.ok, value: 5 });
    expect(a.unwrap(o).status).toBe(S.invalid_arg);
    expect(a.wrap(o, 7)).toBe(S.ok); // can be wrapped again
    expect(a.unwrap(o).value).toBe(7);
    expect(a.wrap(1, 3)).toBe(S.invalid_arg);
    expect(a.wrap(() => 0, 3)).toBe(S.ok);
    expect(a.unwrap({}).status).toBe(S.invalid_arg);
    expect(a.wrapWithRef({}, 1, false)).toEqual({ status: S.invalid_arg, value: false });
    expect(a.wrapWithRef({}, 1, true)).toEqual({ status: S.ok, value: true });
  });
});
