import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('objects (fixtures/api-objects)', async () => {
  const a = await loadFixture('api-objects');

  it('napi_get_all_property_names: modes, filters and conversions', () => {
    const proto = { inherited: 1, [Symbol.for('p')]: 2 };
    const o = Object.create(proto);
    o.b = 1;
    o[1] = 'one';
    o['4294967295'] = 'not an index';
    o[Symbol.for('own')] = 3;
    Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
    Object.defineProperty(o, 'get', { get: () => 1, enumerable: true });
    const [INCLUDE_PROTOTYPES, OWN_ONLY] = [0, 1];
    const [KEEP_NUMBERS, NUMBERS_TO_STRINGS] = [0, 1];
    expect(a.allNames(o, OWN_ONLY, 0, KEEP_NUMBERS).value).toEqual([1, 'b', '4294967295', 'hidden', 'get', Symbol.for('own')]);
    expect(a.allNames(o, OWN_ONLY, 2 | 16, NUMBERS_TO_STRINGS).value).toEqual(['1', 'b', '4294967295', 'get']);
    expect(a.allNames(o, OWN_ONLY, 1, NUMBERS_TO_STRINGS).value).toContain('get'); // accessors pass "writable"
    expect(a.allNames(o, OWN_ONLY, 8, KEEP_NUMBERS).value).toEqual([Symbol.for('own')]);
    expect(a.allNames(o, INCLUDE_PROTOTYPES, 2, NUMBERS_TO_STRINGS).value).toEqual(['1', 'b', '4294967295', 'get', Symbol.for('own'), 'inherited', Symbol.for('p')]);
    expect(a.names(o).value).toEqual(['1', 'b', '4294967295', 'get', 'inherited']);
    expect(a.allNames(o, 2, 0, 0).status).toBe(S.invalid_arg);
    expect(a.allNames(null, 0, 0, 0)).toMatchObject({ status: S.object_expected, error: expect.any(TypeError) });
    expect(a.allNames(new Proxy({}, { ownKeys() { throw new Error('k'); } }), 1, 0, 0).status).toBe(S.pending_exception);
  });

  it('napi_object_freeze / napi_object_seal', () => {
    const f = { x: 1 };
    expect(a.freeze(f)).toEqual({ status: S.ok, value: undefined });
    expect(Object.isFrozen(f)).toBe(true);
    const s = { y: 1 };
    expect(a.seal(s).status).toBe(S.ok);
    expect([Object.isSealed(s), Object.isFrozen(s)]).toEqual([true, false]);
    expect(a.freeze(5).status).toBe(S.ok);
    expect(a.freeze(null).status).toBe(S.object_expected);
    const typed = a.freeze(new Uint8Array(1));
    expect([typed.status, typed.error]).toEqual([S.pending_exception, expect.any(TypeError)]);
    expect(a.namesNull()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });

  it('napi_get/set/has/delete_property', () => {
    const o: Record<string, unknown> = { a: 1 };
    expect(a.get(o, 'a')).toEqual({ status: S.ok, value: 1 });
    expect(a.get(o, 'missing')).toEqual({ status: S.ok, value: undefined });
    expect(a.set(o, 'b', 2).status).toBe(S.ok);
    expect(o.b).toBe(2);
    expect(a.has(o, 'b').value).toBe(true);
    expect(a.has(o, 'toString').value).toBe(true);
    expect(a.has(o, 'nope').value).toBe(false);
    expect(a.delete(o, 'b')).toEqual({ status: S.ok, value: true });
    expect('b' in o).toBe(false);
    const key = Symbol('k');
    a.set(o, key, 'sym');
    expect(a.get(o, key).value).toBe('sym');
  });

  it('keys are converted with ToPropertyKey', () => {
    const o = { '1': 'one', '[object Object]': 'obj' };
    expect(a.get(o, 1).value).toBe('one');
    expect(a.get(o, {}).value).toBe('obj');
  });

  it('primitives are wrapped; null and undefined give object_expected and a TypeError', () => {
    expect(a.get(5, 'toFixed').value).toBe(Number.prototype.toFixed);
    expect(a.set(5, 'x', 1).status).toBe(S.ok);
    expect(() => a.get(null, 'a')).toThrow(TypeError);
    const r = a.getThenClear(undefined, 'a');
    expect(r.status).toBe(S.object_expected);
    expect(r.error).toBeInstanceOf(TypeError);
  });

  it('setting on a frozen object succeeds silently, as sloppy-mode Set in Node', () => {
    const frozen = Object.freeze({ a: 1 });
    expect(a.set(frozen, 'a', 2).status).toBe(S.ok);
    expect(frozen.a).toBe(1);
    expect(a.delete(frozen, 'a')).toEqual({ status: S.ok, value: false });
  });

  it('a throwing getter leaves the exception pending with napi_generic_failure (Node 20)', () => {
    const o = {
      get x(): number {
        throw new Error('boom');
      },
    };
    const r = a.getThenClear(o, 'x');
    expect(r.status).toBe(S.generic_failure);
    expect(r.error.message).toBe('boom');
    expect(() => a.get(o, 'x')).toThrow('boom');
    const trap = new Proxy({}, { has: () => { throw new RangeError('trap'); } });
    expect(() => a.has(trap, 'x')).toThrow('trap');
  });

  it('napi_has_own_property needs a name', () => {
    expect(a.hasOwn({ a: 1 }, 'a')).toEqual({ status: S.ok, value: true });
    expect(a.hasOwn({}, 'toString').value).toBe(false);
    expect(a.hasOwn({}, 1).status).toBe(S.name_expected);
  });

  it('named properties take a UTF-8 C string', () => {
    const o: Record<string, unknown> = { é: 1 };
    expect(a.getNamed(o, 'é').value).toBe(1);
    expect(a.setNamed(o, 'ü', 2).status).toBe(S.ok);
    expect(o['ü']).toBe(2);
    expect(a.hasNamed(o, 'ü').value).toBe(true);
    expect(a.hasNamed(o, 'x').value).toBe(false);
  });

  it('elements', () => {
    const arr: unknown[] = [5, 6];
    expect(a.getElement(arr, 1).value).toBe(6);
    expect(a.setElement(arr, 3, 'x').status).toBe(S.ok);
    expect(arr).toEqual([5, 6, undefined, 'x']);
    expect(a.hasElement(arr, 2).value).toBe(false);
    expect(a.hasElement(arr, 3).value).toBe(true);
    expect(a.deleteElement(arr, 0).value).toBe(true);
    expect(0 in arr).toBe(false);
    expect(a.getElement({ 7: 'seven' }, 7).value).toBe('seven');
  });

  it('arrays: create, napi_is_array, napi_get_array_length', () => {
    expect(a.newArray()).toEqual([]);
    expect(a.newArray(5).length).toBe(5);
    expect(a.newArray('max').length).toBe(0); // SIZE_MAX, as Node
    expect(a.isArray([]).value).toBe(true);
    expect(a.isArray({ length: 0 }).value).toBe(false);
    expect(a.arrayLength([1, 2, 3])).toEqual({ status: S.ok, value: 3 });
    expect(a.arrayLength({ length: 3 }).status).toBe(S.array_expected);
    expect(a.newObject()).toEqual({});
  });

  it('napi_get_prototype', () => {
    expect(a.getPrototype({}).value).toBe(Object.prototype);
    expect(a.getPrototype(Object.create(null)).value).toBe(null);
    expect(a.getPrototype(5).value).toBe(Number.prototype);
  });

  it('napi_instanceof', () => {
    expect(a.instanceOf([], Array).value).toBe(true);
    expect(a.instanceOf({}, Array).value).toBe(false);
    expect(a.instanceOf(1, Number).value).toBe(false);
    expect(() => a.instanceOf({}, {})).toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_NAPI_CONS_FUNCTION', message: 'Constructor must be a function' }),
    );
    const weird = { [Symbol.hasInstance]: () => true };
    expect(() => a.instanceOf({}, weird)).toThrow(TypeError); // not a function
    class Throws {
      static [Symbol.hasInstance](): boolean {
        throw new Error('hasInstance');
      }
    }
    expect(() => a.instanceOf({}, Throws)).toThrow('hasInstance');
  });

  it('napi_define_properties: values, methods, accessors, attributes, symbol names', () => {
    const o: any = {};
    const sym = Symbol('s');
    expect(a.defineProperties(o, sym)).toBe(S.ok);
    expect(Object.getOwnPropertyDescriptor(o, 'ro')).toEqual({ value: 1, writable: false, enumerable: true, configurable: false });
    expect(Object.getOwnPropertyDescriptor(o, 'rw')).toEqual({ value: 2, writable: true, enumerable: true, configurable: true });
    const m = Object.getOwnPropertyDescriptor(o, 'method')!;
    expect(m).toMatchObject({ writable: true, enumerable: false, configurable: true });
    expect(m.value.name).toBe('');
    expect(o.method()).toBe(o);
    const acc = Object.getOwnPropertyDescriptor(o, 'acc')!;
    expect(acc).toMatchObject({ enumerable: true, configurable: false });
    expect(acc.get!.name).toBe('');
    o.acc = 5;
    expect(o.acc).toBe(105);
    expect(o.getOnly).toBe(5);
    expect(Object.getOwnPropertyDescriptor(o, 'getOnly')!.set).toBe(undefined);
    expect(Object.getOwnPropertyDescriptor(o, sym)).toEqual({ value: 'sym', writable: true, enumerable: false, configurable: false });
    expect(Object.keys(o)).toEqual(['ro', 'rw', 'acc']);
  });

  it('napi_define_properties statuses', () => {
    expect(a.defineBadName({})).toBe(S.name_expected);
    const o = {};
    expect(a.defineOn(o)).toBe(S.ok);
    expect(a.defineOn(o)).toBe(S.ok); // redefining with the same value is allowed
    Object.defineProperty(o, 'y', { value: 1 });
    const frozen = Object.freeze({});
    expect(a.defineOn(frozen)).toBe(S.invalid_arg);
  });

  it('a pending exception makes JS-running calls return napi_pending_exception', () => {
    const [getStatus, typeofStatus, pending, error] = a.pendingPreamble({ x: 1 });
    expect(getStatus).toBe(S.pending_exception);
    expect(typeofStatus).toBe(S.ok);
    expect(pending).toBe(true);
    expect(error.message).toBe('first');
  });
});
