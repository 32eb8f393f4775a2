import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('Dates (fixtures/api-dates)', async () => {
  const a = await loadFixture('api-dates');

  it('napi_create_date clips the time as the Date constructor does', () => {
    const d = a.create(1549183351).value;
    expect(d).toBeInstanceOf(Date);
    expect(d.getTime()).toBe(1549183351);
    expect(a.create(1.9).value.getTime()).toBe(1);
    expect(a.create(-1.9).value.getTime()).toBe(-1);
    expect(a.create(NaN).value.getTime()).toBeNaN();
    expect(a.create(8.64e15 + 1).value.getTime()).toBeNaN();
    expect(a.create(-8.64e15).value.getTime()).toBe(-8.64e15);
  });

  it('napi_is_date: Dates and subclasses; not numbers, fakes or Proxies', () => {
    class MyDate extends Date {}
    expect(a.isDate(new Date())).toBe(true);
    expect(a.isDate(new MyDate())).toBe(true);
    expect(a.isDate(new Date(NaN))).toBe(true);
    expect(a.isDate(Date.now())).toBe(false);
    expect(a.isDate(Object.create(Date.prototype))).toBe(false);
    expect(a.isDate(new Proxy(new Date(), {}))).toBe(false);
    expect(a.isDate('2020-01-01')).toBe(false);
  });

  it('napi_get_date_value, and napi_date_expected', () => {
    expect(a.value(new Date(5))).toEqual({ status: S.ok, value: 5 });
    expect(a.value(new Date(NaN)).value).toBeNaN();
    expect(a.value(5)).toEqual({ status: S.date_expected, value: undefined });
    expect(a.value(new Proxy(new Date(), {})).status).toBe(S.date_expected);
  });

  it('argument checks', () => {
    expect(a.dateEdgeCases()).toEqual([S.invalid_arg, S.invalid_arg, S.invalid_arg]);
  });
});
