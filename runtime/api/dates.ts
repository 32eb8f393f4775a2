// Dates: napi_create_date, napi_is_date, napi_get_date_value.

import type { Env } from '../env.js';
import { isDate } from '../js-types.js';
import { NO_ENV, S, invalidArg, outBool, outF64, outValue } from './common.js';

export function dateApi(env: Env) {
  const values = env.handles.values;
  return {
    napi_create_date(e: number, time: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (result === 0) return invalidArg(env);
      outValue(env, result, new Date(time));
      return env.ok();
    },

    napi_is_date(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      if (value === 0 || result === 0) return invalidArg(env);
      outBool(env, result, isDate(values[value]));
      return env.ok();
    },

    napi_get_date_value(e: number, value: number, result: number): number {
      if (e === 0) return NO_ENV;
      const p = env.preamble();
      if (p !== S.ok) return p;
      if (value === 0 || result === 0) return invalidArg(env);
      const date = values[value];
      if (!isDate(date)) return env.setStatus(S.date_expected);
      outF64(env, result, Date.prototype.valueOf.call(date));
      return env.ok();
    },
  };
}
