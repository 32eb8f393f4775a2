// fixtures/api-functions built natively with node-gyp and to Wasm must answer
// alike: callback info (argc larger or smaller than given, receivers),
// new.target, napi_create_function, calls with a receiver, napi_new_instance,
// napi_define_class (instance and static values, methods and accessors,
// names, Illegal invocation, calling without new, subclassing) and wraps.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const kind = (v: unknown) => (v === globalThis ? 'global' : typeof v === 'object' && v !== null ? Object.prototype.toString.call(v) : v);

describe('functions and classes: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-functions'), 'api_functions');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ['cb info: fewer, as many and more arguments than room', (a) => [[], [1], [1, 'x', null, 4], [1, 2, 3, 4, 5, 6]].map((args) => {
      const r = a.cbInfo(...args);
      return [r.argc, r.argv, r.this === a];
    })],
    ['cb info: receivers (sloppy mode)', (a) => [undefined, null, 5, 's', true, {}, a].map((recv) => kind(a.cbInfo.call(recv).this))],
    ['argc alone; argv without argc', (a) => a.argcOnly(1, 2, 3)],
    ['new.target', (a) => {
      const plain = a.newTarget();
      const made = new a.newTarget();
      class Sub extends a.newTarget {}
      return [plain === a, plain.target, made.target === a.newTarget, made instanceof a.newTarget, new Sub().target === Sub];
    }],
    ['napi_create_function', (a) => {
      const f = a.makeFunction('adder', 7);
      return [f.name, f.length, f(), typeof f.prototype, new f() instanceof f, a.makeFunction(undefined, 3).name,
        a.makeFunction('héllo', 1).name, Object.getOwnPropertyNames(f).sort()];
    }],
    ['napi_call_function with a receiver and arguments', (a) => [
      a.call((x: number, y: number) => x + y, undefined, 2, 3),
      a.call(function (this: unknown) { return kind(this); }, { r: 1 }),
      a.call(function (this: unknown) { return kind(this); }, undefined),
      a.call(function (this: unknown) { 'use strict'; return this; }, 5),
      a.call((...args: unknown[]) => args.length, null, 1, 2, 3, 4),
    ]],
    ['napi_call_function: a throw reaches JS', (a) => a.call(() => {
      throw new Error('from js');
    }, undefined)],
    ['napi_call_function statuses', (a) => [a.callEdgeCases(() => 1), a.callCatch(() => {
      throw new TypeError('caught in C');
    })]],
    ['napi_new_instance', (a) => {
      class Box {
        constructor(public v: number, public w?: number) {}
      }
      const r = a.construct(Box, 1, 2);
      return [r.status, r.value instanceof Box, r.value, a.construct({}).status];
    }],
    // V8 words the message after the JS call site, which the runtime cannot see.
    ['napi_new_instance of an arrow function', (a) => (observe(() => a.construct(() => 0)) as { threw?: { name: string } }).threw?.name],
    ['define_class: instances, accessors, statics', (a) => {
      const Point = a.definePoint();
      const p = new Point(1, 2);
      const before = [p.sum(), p.x];
      p.x = 5;
      const d = (o: object, k: string) => {
        const x = Object.getOwnPropertyDescriptor(o, k)!;
        return [x.writable, x.enumerable, x.configurable, typeof x.value, typeof x.get, typeof x.set];
      };
      return [Point.name, Point.length, before, p.sum(), Object.getOwnPropertyNames(Point.prototype).sort(),
        ['sum', 'x', 'kind'].map((k) => d(Point.prototype, k)), ['origin', 'dims'].map((k) => d(Point, k)),
        Point.dims, Object.keys(Point), Point.origin().sum(), Point.prototype.sum.name, Point.origin.name,
        Object.getOwnPropertyDescriptor(Point.prototype, 'x')!.get!.name, Object.keys(p)];
    }],
    ['own keys of functions: made, class, method, accessor, static', (a) => {
      const Point = a.definePoint();
      const own = (f: Function) => Object.getOwnPropertyNames(f).sort().map((k) => {
        const d = Object.getOwnPropertyDescriptor(f, k)!;
        return [k, d.writable, d.enumerable, d.configurable, k === 'prototype' ? typeof d.value : d.value];
      });
      return [own(a.makeFunction('f', 1)), own(Point), own(Point.prototype.sum), own(Object.getOwnPropertyDescriptor(Point.prototype, 'x')!.get!),
        own(Point.origin)];
    }],
    ['define_class: Illegal invocation', (a) => {
      const Point = a.definePoint();
      return [observe(() => Point.prototype.sum.call({})), observe(() => Point.prototype.sum.call(Object.create(Point.prototype)))];
    }],
    ['define_class: called without new, and subclassed', (a) => {
      const Point = a.definePoint();
      class Point3 extends Point {
        z: number;
        constructor(x: number, y: number, z: number) {
          super(x, y);
          this.z = z;
        }
      }
      const p = new Point3(1, 2, 3);
      return [observe(() => Point(1, 2)), p.sum(), p.z, p instanceof Point];
    }],
    ['wrap, unwrap, remove_wrap', (a) => {
      const o = {};
      return [a.wrap(o, 5), a.wrap(o, 6), a.unwrap(o), a.removeWrap(o), a.unwrap(o).status, a.wrap(o, 7), a.unwrap(o),
        a.wrap(1, 3), a.wrap(() => 0, 3), a.unwrap({}).status, a.wrapWithRef({}, 1, false), a.wrapWithRef({}, 1, true)];
    }],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});
