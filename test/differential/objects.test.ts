// fixtures/api-objects built natively with node-gyp and to Wasm must answer
// alike: property access and its statuses, key collection with every mode,
// filter and conversion, freeze and seal, define_properties, prototypes and
// instanceof.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;

const WRITABLE = 1;
const ENUMERABLE = 2;
const CONFIGURABLE = 4;
const SKIP_STRINGS = 8;
const SKIP_SYMBOLS = 16;

/** A fresh object with every kind of key, on a prototype with more. */
function sample(): object {
  const proto = { inherited: 1, shadowed: 'proto', [Symbol.for('protoSym')]: 1 };
  Object.defineProperty(proto, 'protoHidden', { value: 1, enumerable: false });
  Object.defineProperty(proto, 'hiddenShadow', { value: 'proto', enumerable: true });
  const o = Object.create(proto);
  o.b = 1;
  o[2] = 'two';
  o.a = 2;
  o[0] = 'zero';
  o['4294967295'] = 'not an index';
  o['4294967294'] = 'last index';
  o['-1'] = 'negative';
  o['01'] = 'leading zero';
  o.shadowed = 'own';
  o[Symbol('own')] = 1;
  Object.defineProperty(o, 'readonly', { value: 1, enumerable: true, writable: false, configurable: true });
  Object.defineProperty(o, 'fixed', { value: 1, enumerable: true, writable: true, configurable: false });
  Object.defineProperty(o, 'hidden', { value: 1, enumerable: false, writable: true, configurable: true });
  Object.defineProperty(o, 'hiddenShadow', { value: 'own', enumerable: false });
  Object.defineProperty(o, 'getter', { get: () => 1, enumerable: true, configurable: true });
  Object.defineProperty(o, 'setterOnly', { set: () => {}, enumerable: true, configurable: false });
  return o;
}

const show = (keys: unknown) => (Array.isArray(keys) ? keys.map((k) => (typeof k === 'symbol' ? `symbol ${k.description}` : `${typeof k} ${String(k)}`)) : keys);
const filters = [0, WRITABLE, ENUMERABLE, CONFIGURABLE, SKIP_STRINGS, SKIP_SYMBOLS, WRITABLE | ENUMERABLE | CONFIGURABLE,
  ENUMERABLE | SKIP_SYMBOLS, SKIP_STRINGS | SKIP_SYMBOLS, WRITABLE | SKIP_SYMBOLS];

describe('objects: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-objects'), 'api_objects');

  const names = (a: Addon, o: unknown, mode: number, filter: number, conversion: number) => {
    const r = a.allNames(o, mode, filter, conversion);
    return { ...r, value: show(r.value) };
  };

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...[0, 1].flatMap((mode) => [0, 1].flatMap((conversion) => filters.map((filter): [string, (a: Addon) => unknown] =>
      [`all names: mode ${mode}, filter ${filter}, conversion ${conversion}`, (a) => names(a, sample(), mode, filter, conversion)]))),
    ['all names of an array, a typed array, a string object, a function', (a) =>
      [[1, 2, , 4], new Uint8Array(3), new String('ab'), function f(x: number) { return x; }].map((o) => names(a, o, 1, 0, 0))],
    ['all names of primitives, null and undefined', (a) => [5, 'ab', true, null, undefined].map((o) => names(a, o, 0, 2, 1))],
    ['all names with a bad mode or conversion', (a) => [names(a, {}, 2, 0, 0), names(a, {}, 0, 0, 2), names(a, {}, -1, 0, 0)]],
    ['all names of a Proxy', (a) => {
      const target = { x: 1, y: 2 };
      const calls: string[] = [];
      const p = new Proxy(target, {
        ownKeys: (t) => (calls.push('ownKeys'), Reflect.ownKeys(t)),
        getOwnPropertyDescriptor: (t, k) => (calls.push(`gopd ${String(k)}`), Reflect.getOwnPropertyDescriptor(t, k)),
        getPrototypeOf: (t) => (calls.push('getPrototypeOf'), Reflect.getPrototypeOf(t)),
      });
      return [names(a, p, 1, 0, 1), names(a, p, 1, ENUMERABLE, 1), names(a, p, 0, ENUMERABLE, 1), calls];
    }],
    ['all names of a throwing Proxy', (a) => names(a, new Proxy({}, { ownKeys() { throw new Error('no keys'); } }), 1, 0, 1)],
    ['napi_get_property_names', (a) => [sample(), [1, 2], 'ab', new Uint8Array(2)].map((o) => show(a.names(o).value))],
    ['napi_get_property_names of null', (a) => a.names(null)],
    ['key collection NULL arguments', (a) => a.namesNull()],
    ['freeze and seal', (a) => {
      const f = { x: 1 };
      const s = { y: 1 };
      return [a.freeze(f), Object.isFrozen(f), a.seal(s), Object.isSealed(s), Object.isFrozen(s), a.freeze(5), a.seal('s')];
    }],
    ['freeze and seal of null / undefined', (a) => [a.freeze(null), a.seal(undefined)]],
    ['freeze of a typed array with elements', (a) => a.freeze(new Uint8Array(2))],
    ['freeze of an empty typed array', (a) => a.freeze(new Uint8Array(0))],
    ['freeze of a Proxy that refuses', (a) => a.freeze(new Proxy({}, { preventExtensions: () => false }))],
    ['seal of a Proxy that throws', (a) => a.seal(new Proxy({}, { preventExtensions() { throw new RangeError('nope'); } }))],
    ['get/set/has/delete', (a) => {
      const o: Record<string, unknown> = { a: 1 };
      return [a.get(o, 'a'), a.get(o, 'missing'), a.set(o, 'b', 2).status, o.b, a.has(o, 'b'), a.has(o, 'toString'),
        a.delete(o, 'b'), 'b' in o, a.hasOwn(o, 'a'), a.hasOwn(o, 'toString'), a.get(o, 1), a.get(5, 'toFixed').status];
    }],
    ['has_own_property with a non-name key', (a) => [a.hasOwn({}, 1), a.hasOwn({}, {})]],
    ['property access on null', (a) => [a.getThenClear(null, 'x'), a.getThenClear(undefined, 'x')]],
    ['a throwing getter', (a) => a.getThenClear({ get x() { throw new Error('boom'); } }, 'x')],
    ['frozen object', (a) => {
      const f = Object.freeze({ a: 1 });
      return [a.set(f, 'a', 2), f.a, a.delete(f, 'a')];
    }],
    ['elements', (a) => {
      const arr = [1, 2, 3];
      return [a.getElement(arr, 1), a.setElement(arr, 5, 'x').status, arr.length, a.hasElement(arr, 4), a.deleteElement(arr, 0), arr[0]];
    }],
    ['arrays', (a) => [a.isArray([]), a.isArray({ length: 0 }), a.isArray(new Proxy([], {})), a.arrayLength([1, 2]),
      a.arrayLength({}), a.arrayLength(new Proxy([1], {})), a.newArray(undefined).length, a.newArray(5).length, a.newArray('max').length]],
    ['prototypes', (a) => {
      const proto = {};
      return [a.getPrototype(Object.create(proto)).value === proto, a.getPrototype(Object.create(null)).value,
        a.getPrototype(5).value === Number.prototype, (() => {
          const calls: string[] = [];
          const p = a.getPrototype(new Proxy({}, { getPrototypeOf: () => (calls.push('trap'), Array.prototype) })).value;
          return [p === null ? 'null' : p === Array.prototype ? 'Array.prototype' : typeof p, calls];
        })()];
    }],
    ['instanceof', (a) => {
      class A {}
      class B extends A {}
      return [a.instanceOf(new B(), A), a.instanceOf({}, A), a.instanceOf(5, Number), a.instanceOf(new Proxy(new A(), {}), A)];
    }],
    ['instanceof a non-function', (a) => a.instanceOf({}, {})],
    ['define_properties', (a) => {
      const o: Record<string | symbol, unknown> = {};
      const key = Symbol('k');
      const status = a.defineProperties(o, key);
      const d = (k: string | symbol) => {
        const x = Object.getOwnPropertyDescriptor(o, k)!;
        return [x.writable, x.enumerable, x.configurable, typeof x.value, typeof x.get, typeof x.set];
      };
      return [status, ...['ro', 'rw', 'method', 'acc', 'getOnly'].map(d), d(key), (o as any).method.name, (o as any).acc, Object.keys(o)];
    }],
    ['define_properties with a bad name, twice non-configurable', (a) => [a.defineBadName({}), (() => {
      const o = {};
      return [a.defineOn(o), a.defineOn(o)];
    })()]],
    ['the pending-exception preamble', (a) => a.pendingPreamble({ x: 1 })],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});
