import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('symbols (fixtures/api-symbols)', async () => {
  const a = await loadFixture('api-symbols');

  it('napi_create_symbol, with or without a description', () => {
    const s = a.create('desc').value;
    expect(typeof s).toBe('symbol');
    expect(s.description).toBe('desc');
    expect(s).not.toBe(a.create('desc').value);
    expect(a.create(undefined).value.description).toBe(undefined);
    expect(a.create(5)).toEqual({ status: S.string_expected, value: undefined });
  });

  it('node_api_symbol_for: the registry’s symbol, NAPI_AUTO_LENGTH or a length', () => {
    expect(a.symbolFor('key', -1)).toEqual({ status: S.ok, value: Symbol.for('key') });
    expect(a.symbolFor('key', 2).value).toBe(Symbol.for('ke'));
    expect(a.symbolFor('héllo', -1).value).toBe(Symbol.for('héllo'));
    expect(a.symbolFor(undefined, 0).value).toBe(Symbol.for(''));
    expect(a.symbolFor(undefined, -1).status).toBe(S.invalid_arg);
  });

  it('symbols as property keys', () => {
    const o: Record<symbol, unknown> = {};
    const key = Symbol('k');
    expect(a.keyed(o, key, 1)).toBe(1);
    expect(o[key]).toBe(1);
    expect(a.keyed(o, Symbol.for('shared'), 2)).toBe(2);
  });
});
