// The "napi" import module of one addon: every Node-API function the runtime
// implements, as closures over that addon's env, made once at load time.

import type { Env } from '../env.js';
import { binaryApi } from './binary.js';
import { errorApi } from './errors.js';
import { functionApi } from './functions.js';
import { objectApi } from './objects.js';
import { propertyApi } from './properties.js';
import { scopeApi } from './scopes.js';
import { stringApi } from './strings.js';
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
    ...nodeApi(env),
  };
}
