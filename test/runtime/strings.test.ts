import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

const LATIN1 = 0;
const UTF8 = 1;
const UTF16 = 2;
const AUTO = -1;

const utf16 = (s: string) => Buffer.from(s, 'utf16le');

describe('strings (fixtures/api-strings)', async () => {
  const a = await loadFixture('api-strings');

  it('length queries (buf NULL) count units without the NUL', () => {
    expect(a.length(UTF8, 'héllo')).toEqual({ status: S.ok, value: 6 });
    expect(a.length(UTF8, '😀').value).toBe(4);
    expect(a.length(UTF8, '\ud800').value).toBe(3); // a lone surrogate becomes U+FFFD
    expect(a.length(UTF8, 'x'.repeat(1000) + 'é').value).toBe(1002);
    expect(a.length(LATIN1, 'héllo€').value).toBe(6);
    expect(a.length(UTF16, 'a😀').value).toBe(3);
    expect(a.length(UTF8, '').value).toBe(0);
    expect(a.length(UTF8, 5).status).toBe(S.string_expected);
    expect(a.lengthNoResult(UTF8, 'abc')).toBe(S.invalid_arg);
  });

  it('UTF-8 copies fit, NUL-terminate and report bytes without the NUL', () => {
    const r = a.copyOut(UTF8, 'hello', 6);
    expect(r.status).toBe(S.ok);
    expect(r.copied).toBe(5);
    expect([...r.bytes]).toEqual([...Buffer.from('hello'), 0]);
  });

  it('UTF-8 truncation stops at a character boundary', () => {
    expect([...a.copyOut(UTF8, 'hello', 3).bytes]).toEqual([0x68, 0x65, 0]);
    const accent = a.copyOut(UTF8, 'héllo', 3);
    expect(accent.copied).toBe(1);
    expect([...accent.bytes]).toEqual([0x68, 0, 0xee]);
    const emoji = a.copyOut(UTF8, 'a😀', 4);
    expect(emoji.copied).toBe(1);
    expect([...emoji.bytes]).toEqual([0x61, 0, 0xee, 0xee]);
    const long = a.copyOut(UTF8, 'é'.repeat(40), 20);
    expect(long.copied).toBe(18);
    expect([...long.bytes.subarray(16)]).toEqual([0xc3, 0xa9, 0, 0xee]);
  });

  it('UTF-8 copies replace lone surrogates with U+FFFD', () => {
    const r = a.copyOut(UTF8, '\ud800x', 10);
    expect(r.copied).toBe(4);
    expect([...r.bytes.subarray(0, 5)]).toEqual([0xef, 0xbf, 0xbd, 0x78, 0]);
    const long = a.copyOut(UTF8, 'y'.repeat(40) + '\udc00', 50);
    expect(long.copied).toBe(43);
    expect([...long.bytes.subarray(40, 44)]).toEqual([0xef, 0xbf, 0xbd, 0]);
  });

  it('bufsize 0 copies nothing and reports 0', () => {
    expect(a.copyOut(UTF8, 'abc', 0)).toMatchObject({ status: S.ok, copied: 0 });
    expect(a.copyOut(LATIN1, 'abc', 0)).toMatchObject({ status: S.ok, copied: 0 });
    expect(a.copyOutNoResult(UTF8, 'abc', 10)).toBe(S.ok);
  });

  it('Latin-1 copies keep the low byte of each UTF-16 unit', () => {
    const r = a.copyOut(LATIN1, 'héllo€', 10);
    expect(r.copied).toBe(6);
    expect([...r.bytes.subarray(0, 7)]).toEqual([0x68, 0xe9, 0x6c, 0x6c, 0x6f, 0xac, 0]);
    expect([...a.copyOut(LATIN1, 'abcdef', 4).bytes]).toEqual([0x61, 0x62, 0x63, 0]);
  });

  it('UTF-16 copies count units and may split a surrogate pair', () => {
    const r = a.copyOut(UTF16, 'a😀b', 3);
    expect(r.copied).toBe(2);
    expect([...r.bytes]).toEqual([0x61, 0, 0x3d, 0xd8, 0, 0]);
    const whole = a.copyOut(UTF16, 'a😀b', 10);
    expect(whole.copied).toBe(4);
    expect(whole.bytes.subarray(0, 10)).toEqual(Buffer.concat([utf16('a😀b'), Buffer.from([0, 0])]));
  });

  it('creates strings from UTF-8 with WHATWG replacement and BOM kept', () => {
    expect(a.create(UTF8, Buffer.from('héllo'), AUTO)).toEqual({ status: S.ok, value: 'héllo' });
    expect(a.create(UTF8, Buffer.from([0xef, 0xbb, 0xbf, 0x41]), AUTO).value).toBe('\ufeffA');
    expect(a.create(UTF8, Buffer.from([0xc0, 0xaf]), 2).value).toBe('\ufffd\ufffd');
    expect(a.create(UTF8, Buffer.from([0x41, 0xe2, 0x82]), 3).value).toBe('A\ufffd');
    expect(a.create(UTF8, Buffer.from('abc\0def'), 7).value).toBe('abc\0def');
    expect(a.create(UTF8, Buffer.from('abc\0def'), AUTO).value).toBe('abc');
    expect(a.create(UTF8, Buffer.from('abcdef'), 3).value).toBe('abc');
    const long = 'é€😀'.repeat(50);
    expect(a.create(UTF8, Buffer.from(long), AUTO).value).toBe(long);
    const longBad = Buffer.concat([Buffer.from('x'.repeat(40)), Buffer.from([0xff, 0x41])]);
    expect(a.create(UTF8, longBad, AUTO).value).toBe('x'.repeat(40) + '\ufffdA');
  });

  it('creates strings from Latin-1 and UTF-16 (lone surrogates kept)', () => {
    expect(a.create(LATIN1, Buffer.from([0xe9, 0x80, 0x41]), AUTO).value).toBe('é\x80A');
    const latin = Buffer.from(Array.from({ length: 300 }, (_, i) => (i % 255) + 1));
    expect(a.create(LATIN1, latin, 300).value).toBe(String.fromCharCode(...latin));
    expect(a.create(UTF16, utf16('a😀\udc00'), AUTO).value).toBe('a😀\udc00');
    expect(a.create(UTF16, utf16('abcdef'), 2).value).toBe('ab');
    const long = 'ü😀'.repeat(5000);
    expect(a.create(UTF16, utf16(long), long.length).value).toBe(long);
  });

  it('property keys are strings like the ones napi_create_string_* make', () => {
    expect(a.propertyKey(UTF8, Buffer.from('kéy'), AUTO)).toEqual({ status: S.ok, value: 'kéy' });
    expect(a.propertyKey(LATIN1, Buffer.from([0x6b, 0xe9]), 2).value).toBe('ké');
    expect(a.propertyKey(UTF16, utf16('a😀'), AUTO).value).toBe('a😀');
  });

  it('external strings are copied and finalized at once; an empty one reports not copied, as Node', () => {
    expect(a.external(LATIN1, Buffer.from('ext\xe9rnal', 'latin1'), AUTO, true)).toEqual({
      status: S.ok, value: 'ext\xe9rnal', copied: true, finalized: true,
    });
    expect(a.external(UTF16, utf16('a😀b'), 3, true)).toEqual({ status: S.ok, value: 'a😀', copied: true, finalized: true });
    expect(a.external(LATIN1, Buffer.from('x'), AUTO, false)).toMatchObject({ value: 'x', copied: true, finalized: false });
    expect(a.external(UTF16, Buffer.alloc(0), AUTO, true)).toEqual({ status: S.ok, value: '', copied: false, finalized: true });
    // NULL text with a length, NULL result, a length above INT_MAX, NULL copied.
    expect(a.externalEdgeCases()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg, S.ok]);
  });

  it('argument checks match Node', () => {
    // NULL with length 3, NULL with length 0 (gives ""), NULL with
    // NAPI_AUTO_LENGTH, length > INT_MAX, NULL result.
    expect(a.createEdgeCases()).toEqual([S.invalid_arg, S.ok, S.invalid_arg, S.invalid_arg, S.invalid_arg, '']);
  });
});
