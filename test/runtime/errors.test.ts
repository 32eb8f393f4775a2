import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';
import { thrown } from '../helpers/thrown.js';

const ERROR = 0;
const TYPE = 1;
const RANGE = 2;
const SYNTAX = 3;

describe('errors (fixtures/api-errors)', async () => {
  const a = await loadFixture('api-errors');

  it('napi_create_*error makes the right class with an optional code', () => {
    const e = a.createError(ERROR, 'E_CODE', 'msg');
    expect(e.status).toBe(S.ok);
    expect(e.value).toBeInstanceOf(Error);
    expect(e.value.message).toBe('msg');
    expect(e.value.code).toBe('E_CODE');
    const t = a.createError(TYPE, undefined, 'type');
    expect(t.value).toBeInstanceOf(TypeError);
    expect('code' in t.value).toBe(false);
    expect(a.createError(RANGE, undefined, 'r').value).toBeInstanceOf(RangeError);
    expect(a.createError(SYNTAX, 'S', 's').value).toBeInstanceOf(SyntaxError);
  });

  it('napi_create_error needs string message and code', () => {
    expect(a.createError(ERROR, undefined, 5).status).toBe(S.string_expected);
    expect(a.createError(ERROR, 5, 'm').status).toBe(S.string_expected);
  });

  it('napi_throw_* throws when the callback returns; a second throw gets napi_pending_exception', () => {
    const e = thrown(() => a.throwError(ERROR, 'E_BOOM', 'boom'));
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('boom');
    expect(e.code).toBe('E_BOOM');
    expect(a.secondThrowStatus()).toBe(S.pending_exception);
    const t = thrown(() => a.throwError(TYPE, undefined, 'tm'));
    expect(t).toBeInstanceOf(TypeError);
    expect('code' in t).toBe(false);
    expect(thrown(() => a.throwError(RANGE, 'R', 'r'))).toBeInstanceOf(RangeError);
    expect(thrown(() => a.throwError(SYNTAX, 'S', 's'))).toBeInstanceOf(SyntaxError);
  });

  it('napi_throw_error with a NULL message is napi_invalid_arg', () => {
    expect(() => a.throwError(ERROR, 'C', undefined)).toThrow('second');
    expect(a.secondThrowStatus()).toBe(S.ok);
  });

  it('napi_throw throws any value', () => {
    expect(thrown(() => a.throwValue(42))).toBe(42);
    const o = { custom: true };
    expect(thrown(() => a.throwValue(o))).toBe(o);
    expect(thrown(() => a.throwValue(undefined))).toBe(undefined);
  });

  it('napi_is_error is true for native errors only', () => {
    class MyError extends Error {}
    expect(a.isError(new Error('x'))).toBe(true);
    expect(a.isError(new TypeError('x'))).toBe(true);
    expect(a.isError(new MyError('x'))).toBe(true);
    expect(a.isError({ message: 'x' })).toBe(false);
    expect(a.isError(Object.create(Error.prototype))).toBe(false);
    expect(a.isError(new Proxy(new Error('x'), {}))).toBe(false);
    expect(a.isError('Error')).toBe(false);
  });

  it('napi_is_exception_pending and napi_get_and_clear_last_exception', () => {
    const error = new Error('from js');
    const [before, caught, after, none] = a.catchAndReport(() => {
      throw error;
    });
    expect(before).toBe(true);
    expect(caught).toBe(error);
    expect(after).toBe(false);
    expect(none).toBe(undefined);
  });

  it('a wasm trap becomes an Error naming the addon and the function, with the trap as cause', () => {
    const e = thrown(() => a.trap());
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toMatch(/^api-errors: wasm trap in trap\(\): unreachable/);
    expect(e.cause).toBeInstanceOf(WebAssembly.RuntimeError);
    const oob = thrown(() => a.outOfBounds());
    expect(oob.message).toMatch(/^api-errors: wasm trap in outOfBounds\(\): .*out of bounds/);
  });

  it('the addon keeps working after a trap, also one inside an open handle scope', () => {
    for (let i = 0; i < 3; i++) expect(() => a.trapInScope()).toThrow(/wasm trap in trapInScope/);
    expect(a.isError(new Error())).toBe(true);
    expect(a.createError(ERROR, 'C', 'after').value.message).toBe('after');
  });

  it('a trap in a nested call reaches the outer caller as that Error', () => {
    const e = thrown(() => a.callThrough(() => a.trap()));
    expect(e.message).toMatch(/^api-errors: wasm trap in trap\(\)/);
    expect(a.callThrough(() => 'fine')).toBe('fine');
  });

  it('exit() throws instead of killing the host', () => {
    const e = thrown(() => a.exit(3));
    expect([e.message, e.exitCode]).toEqual(['api-errors: the addon called exit(3)', 3]);
    expect(a.isError(new Error())).toBe(true);
  });

  it('napi_fatal_error throws instead of killing the host, and the instance is dead after it', async () => {
    const b = await loadFixture('api-errors');
    const fatal = thrown(() => b.fatal());
    expect(fatal).toBeInstanceOf(Error);
    expect(fatal.message).toBe('api-errors: FATAL ERROR: errors.c:Fatal something is broken');
    expect([fatal.code, fatal.location, fatal.reason]).toEqual(['ERR_NAPI_FATAL', 'errors.c:Fatal', 'something is broken']);
    expect(thrown(() => b.isError(new Error()))).toBe(fatal);
    expect(a.isError(new Error())).toBe(true);
  });
});
