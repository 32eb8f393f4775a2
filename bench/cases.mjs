// The benchmark cases. Each one names the addon it uses, the Node-API
// functions its C side calls (so a runtime that lacks one reports
// "n/a (missing napi_xxx)" instead of crashing), a `setup` that returns the
// zero-argument function to time, and a `verify` that checks the result once.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagesDir } from './common.mjs';

/** Called by NAPI_MODULE_INIT in bench.c for every export. */
export const INIT_NAPI = ['napi_create_function', 'napi_set_named_property'];
/** Called by bench.c only when a Node-API call fails. */
export const ERROR_NAPI = ['napi_throw_error', 'napi_throw_type_error'];
const CB = 'napi_get_cb_info';

// ---- inputs ------------------------------------------------------------------

const ASCII_UNIT = 'The quick brown fox jumps over the lazy dog 0123456789. ';
const NON_ASCII_UNIT = 'héllo wörld — ünïcödé ✓ 日本語テキスト 😀 ÅßÇ ';

/** A string whose UTF-8 encoding is exactly `bytes` long, cycling through `unit`. */
export function stringOfBytes(unit, bytes) {
  const points = [...unit];
  let out = '';
  let size = 0;
  for (let i = 0; ; i++) {
    const cp = points[i % points.length];
    const n = Buffer.byteLength(cp);
    if (size + n > bytes) break;
    out += cp;
    size += n;
  }
  return out + 'x'.repeat(bytes - size);
}

function jsMask(source, mask, output, offset, length) {
  for (let i = 0; i < length; i++) output[offset + i] = source[i] ^ mask[i & 3];
}

// ---- cases -------------------------------------------------------------------

const stringCases = [];
for (const [sizeLabel, bytes] of [['16 B', 16], ['1 KiB', 1024], ['64 KiB', 65536]]) {
  for (const [kind, unit] of [['ASCII', ASCII_UNIT], ['non-ASCII', NON_ASCII_UNIT]]) {
    const input = stringOfBytes(unit, bytes);
    stringCases.push({
      id: `string-${kind === 'ASCII' ? 'ascii' : 'utf8'}-${bytes}`,
      label: `utf8 round trip ${sizeLabel} ${kind}`,
      napi: [CB, 'napi_get_value_string_utf8', 'napi_create_string_utf8'],
      setup: (m) => () => m.stringRoundTrip(input),
      verify: (m) => assert.equal(m.stringRoundTrip(input), input),
    });
  }
}

/** @type {Case[]} */
export const MICRO_CASES = [
  {
    id: 'noop',
    label: 'empty call',
    napi: [],
    setup: (m) => () => m.noop(),
    verify: (m) => assert.equal(m.noop(), undefined),
  },
  {
    id: 'add',
    label: 'add(a, b)',
    napi: [CB, 'napi_get_value_double', 'napi_create_double'],
    setup: (m) => {
      let a = 1.5;
      return () => m.add(a, 2.25);
    },
    verify: (m) => assert.equal(m.add(1.5, 2.25), 3.75),
  },
  {
    id: 'new-string',
    label: 'new 5-char string',
    napi: ['napi_create_string_utf8'],
    setup: (m) => () => m.newString(),
    verify: (m) => assert.equal(m.newString(), 'hello'),
  },
  ...stringCases,
  {
    id: 'object-10',
    label: 'object with 10 properties',
    napi: ['napi_create_object', 'napi_create_int32', 'napi_set_named_property'],
    setup: (m) => () => m.makeObject(),
    verify: (m) =>
      assert.deepEqual(m.makeObject(), { alpha: 0, beta: 1, gamma: 2, delta: 3, epsilon: 4, zeta: 5, eta: 6, theta: 7, iota: 8, kappa: 9 }),
  },
  {
    id: 'array-1000',
    label: 'array of 1000 numbers',
    napi: ['napi_create_array_with_length', 'napi_create_double', 'napi_set_element'],
    setup: (m) => () => m.makeArray(),
    verify: (m) => {
      const a = m.makeArray();
      assert.ok(Array.isArray(a));
      assert.equal(a.length, 1000);
      assert.equal(a[999], 499.5);
    },
  },
  {
    id: 'callbacks-1000',
    label: '1000 JS callbacks from C',
    napi: [CB, 'napi_get_undefined', 'napi_create_int32', 'napi_call_function'],
    setup: (m) => {
      const fn = (x) => x;
      return () => m.callCallbacks(fn);
    },
    verify: (m) => {
      let calls = 0;
      m.callCallbacks(function (x) {
        assert.equal(this, undefined);
        assert.equal(x, 42);
        calls++;
      });
      assert.equal(calls, 1000);
    },
  },
  {
    id: 'typedarray-64k',
    label: 'TypedArray 64 KiB read+write',
    napi: [CB, 'napi_get_typedarray_info', 'napi_create_double'],
    setup: (m) => {
      const data = new Uint8Array(65536);
      return () => m.typedArraySum(data);
    },
    verify: (m) => {
      const data = new Uint8Array(65536).map((_, i) => i * 7);
      const expected = data.reduce((s, v) => s + v, 0);
      assert.equal(m.typedArraySum(data), expected, 'sum');
      assert.equal(data[1], 8, 'C writes are visible in JS');
      assert.equal(data[65535], (65535 * 7 + 1) & 255, 'C writes are visible in JS');
    },
  },
  {
    id: 'wrap-new',
    label: 'wrap: new object + napi_wrap',
    napi: ['napi_create_object', 'napi_wrap'],
    setup: (m) => () => m.wrapNew(),
    verify: (m) => {
      const o = m.wrapNew();
      assert.equal(typeof o, 'object');
      assert.equal(m.unwrap(o), m.unwrap(o));
    },
  },
  {
    id: 'unwrap',
    label: 'unwrap',
    napi: [CB, 'napi_unwrap', 'napi_create_int32', 'napi_create_object', 'napi_wrap'],
    setup: (m) => {
      const o = m.wrapNew();
      return () => m.unwrap(o);
    },
    verify: (m) => {
      const a = m.wrapNew();
      const b = m.wrapNew();
      assert.equal(m.unwrap(b), m.unwrap(a) + 1);
    },
  },
  {
    id: 'ref',
    label: 'create + delete reference',
    napi: [CB, 'napi_create_reference', 'napi_delete_reference'],
    setup: (m) => {
      const o = {};
      return () => m.refCreateDelete(o);
    },
    verify: (m) => assert.equal(m.refCreateDelete({}), undefined),
  },
  {
    id: 'promise',
    label: 'create + resolve promise',
    napi: ['napi_create_promise', 'napi_get_undefined', 'napi_resolve_deferred'],
    setup: (m) => () => m.promiseResolve(),
    verify: (m) => assert.ok(m.promiseResolve() instanceof Promise),
  },
];

for (const c of MICRO_CASES) c.addon = 'bench';

const BUFFERUTIL_NAPI = [CB, 'napi_get_buffer_info', 'napi_get_value_int64'];

/** @type {Case[]} */
export const REAL_CASES = [
  ['16 B', 16, false],
  ['64 KiB', 65536, true],
  ['1 MiB', 1 << 20, true],
].map(([sizeLabel, size, computeHeavy]) => ({
  id: `bufferutil-mask-${size}`,
  label: `bufferutil mask ${sizeLabel}`,
  addon: 'bufferutil',
  computeHeavy,
  napi: BUFFERUTIL_NAPI,
  setup: (m) => {
    const source = crypto.randomBytes(size);
    const mask = crypto.randomBytes(4);
    const output = Buffer.alloc(size);
    return () => m.mask(source, mask, output, 0, size);
  },
  verify: (m) => {
    const source = crypto.randomBytes(size);
    const mask = crypto.randomBytes(4);
    const output = Buffer.alloc(size);
    const expected = Buffer.alloc(size);
    m.mask(source, mask, output, 0, size);
    jsMask(source, mask, expected, 0, size);
    assert.ok(output.equals(expected), 'masked bytes are visible in the JS output Buffer');
  },
}));

// keccak@3.0.4's binding is its KeccakWrapper class (node-addon-api); this is
// what its keccak256 does: the sponge absorbs the input, squeeze pads and
// returns a new Buffer. Checked against the package's own pure-JS version.
const requireFromPackages = createRequire(path.join(packagesDir, 'package.json'));

function keccak256(Wrapper, data) {
  const k = new Wrapper();
  k.initialize(1088, 512);
  k.absorb(data);
  return k.squeeze(32);
}

REAL_CASES.push(
  ...[
    ['64 B', 64, false],
    ['64 KiB', 65536, true],
    ['1 MiB', 1 << 20, true],
  ].map(([sizeLabel, size, computeHeavy]) => ({
    id: `keccak256-${size}`,
    label: `keccak256 of ${sizeLabel}`,
    addon: 'keccak',
    computeHeavy,
    napi: [],
    setup: (m) => {
      const data = crypto.randomBytes(size);
      return () => keccak256(m, data);
    },
    verify: (m) => {
      const data = crypto.randomBytes(size);
      const expected = requireFromPackages('keccak/js')('keccak256').update(data).digest();
      assert.ok(keccak256(m, data).equals(expected), 'digest equals keccak/js');
    },
  })),
);

export const ALL_CASES = [...MICRO_CASES, ...REAL_CASES];

/**
 * @typedef {object} Case
 * @property {string} id
 * @property {string} label
 * @property {'bench' | 'bufferutil'} addon
 * @property {string[]} napi Node-API functions the case calls (besides module init)
 * @property {boolean} [computeHeavy]
 * @property {(m: any) => () => unknown} setup
 * @property {(m: any) => void} verify
 */
