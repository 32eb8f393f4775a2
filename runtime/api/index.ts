// The "napi" import module of one addon: every Node-API function the runtime
// implements, as closures over that addon's env, made once at load time.

import type { Env } from '../env.js';
import { bigintApi } from './bigint.js';
import { binaryApi } from './binary.js';
import { conversionApi } from './conversions.js';
import { dateApi } from './dates.js';
import { errorApi } from './errors.js';
import { functionApi } from './functions.js';
import { instanceApi } from './instance.js';
import { keyApi } from './keys.js';
import { objectApi } from './objects.js';
import { promiseApi } from './promises.js';
import { propertyApi } from './properties.js';
import { referenceApi } from './references.js';
import { scopeApi } from './scopes.js';
import { scriptApi } from './script.js';
import { stringApi } from './strings.js';
import { typeTagApi } from './type-tags.js';
import { valueApi } from './values.js';
import { wrapApi } from './wrap.js';
import { nodeApi } from '../node-api/index.js';

export type NapiFunction = (...args: never[]) => unknown;

export function createNapiImports(env: Env): Record<string, NapiFunction> {
  return {
    ...valueApi(env),
    ...stringApi(env),
    ...objectApi(env),
    ...propertyApi(env),
    ...functionApi(env),
    ...wrapApi(env),
    ...errorApi(env),
    ...scopeApi(env),
    ...binaryApi(env),
    ...bigintApi(env),
    ...conversionApi(env),
    ...dateApi(env),
    ...instanceApi(env),
    ...keyApi(env),
    ...promiseApi(env),
    ...referenceApi(env),
    ...scriptApi(env),
    ...typeTagApi(env),
    ...nodeApi(env),
  };
}
