// fixtures/api-strings built natively with node-gyp and to Wasm must answer
// alike: length queries, copies with truncation and NUL termination in the
// three encodings, creation (invalid UTF-8, BOM, lengths), property keys and
// external strings.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const LATIN1 = 0;
const UTF8 = 1;
const UTF16 = 2;
const AUTO = -1;
const texts = ['', 'hello', 'héllo', 'a😀b', '\ud800x', 'x\udc00', '€uro', 'é'.repeat(40), 'y'.repeat(40) + '\udc00', '\0mid\0', 'ü😀'.repeat(300)];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

describe('strings: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-strings'), 'api_strings');
  const bytes = (r: { bytes?: Uint8Array }) => ({ ...r, bytes: r.bytes ? [...r.bytes] : r.bytes });

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...[LATIN1, UTF8, UTF16].map((enc): [string, (a: Addon) => unknown] => [`lengths, encoding ${enc}`, (a) => [...texts, 5, null].map((t) => a.length(enc, t))]),
    ...[LATIN1, UTF8, UTF16].flatMap((enc) => [0, 1, 2, 3, 4, 5, 6, 20].map((size): [string, (a: Addon) => unknown] =>
      [`copy out, encoding ${enc}, bufsize ${size}`, (a) => texts.map((t) => bytes(a.copyOut(enc, t, size)))])),
    ['copy out without a result pointer', (a) => [LATIN1, UTF8, UTF16].map((enc) => [a.copyOutNoResult(enc, 'abc', 10), a.lengthNoResult(enc, 'abc')])],
    ['create UTF-8', (a) => [
      Buffer.from('héllo'), Buffer.from([0xef, 0xbb, 0xbf, 0x41]), Buffer.from([0xc0, 0xaf]), Buffer.from([0x41, 0xe2, 0x82]),
      Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('abc\0def'), Buffer.from('é€😀'.repeat(50)), Buffer.concat([Buffer.from('x'.repeat(40)), Buffer.from([0xff, 0x41])]),
    ].flatMap((b) => [a.create(UTF8, b, AUTO), a.create(UTF8, b, b.length), a.create(UTF8, b, Math.max(0, b.length - 1))])],
    ['create Latin-1 and UTF-16', (a) => [
      a.create(LATIN1, Buffer.from([0xe9, 0x80, 0x41]), AUTO), a.create(LATIN1, Buffer.from([0xe9, 0x80, 0x41]), 2),
      a.create(UTF16, utf16('a😀\udc00'), AUTO), a.create(UTF16, utf16('abcdef'), 2), a.create(UTF16, utf16('x'.repeat(100)), AUTO),
    ]],
    ['create edge cases', (a) => a.createEdgeCases()],
    ...[LATIN1, UTF8, UTF16].map((enc): [string, (a: Addon) => unknown] => [`property keys, encoding ${enc}`, (a) => {
      const b = enc === UTF16 ? utf16('key😀') : Buffer.from(enc === UTF8 ? 'kéy' : 'k\xe9y', enc === UTF8 ? 'utf8' : 'latin1');
      return [a.propertyKey(enc, b, AUTO), a.propertyKey(enc, b, 2), a.propertyKey(enc, Buffer.alloc(0), 0)];
    }]),
    ['external strings', (a) => [
      a.external(LATIN1, Buffer.from('external', 'latin1'), AUTO, true),
      a.external(LATIN1, Buffer.from('ext\xe9rnal', 'latin1'), 4, false),
      a.external(UTF16, utf16('ext😀'), AUTO, true),
      a.external(UTF16, utf16('abcdef'), 3, true),
    ].map((r) => [r.status, r.value])],
    ['empty external strings: not copied, finalizer already run', (a) => [
      a.external(LATIN1, Buffer.alloc(0), AUTO, true),
      a.external(UTF16, Buffer.alloc(0), 0, true),
      a.external(LATIN1, Buffer.alloc(0), 0, false),
    ]],
    ['external string argument checks', (a) => a.externalEdgeCases()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});
