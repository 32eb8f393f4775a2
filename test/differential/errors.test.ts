// fixtures/api-errors built natively with node-gyp and to Wasm must answer
// alike: error objects and codes, the throw functions, the pending-exception
// rules and the last-error info. (Traps, exit and napi_fatal_error end a
// native process: they are tested against the runtime only.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const KINDS = [0, 1, 2, 3];

describe('errors: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-errors'), 'api_errors');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ...KINDS.map((k): [string, (a: Addon) => unknown] => [`create error kind ${k}`, (a) => [
      a.createError(k, 'E_CODE', 'msg'), a.createError(k, undefined, 'no code'), a.createError(k, undefined, 5),
      a.createError(k, 5, 'bad code'), Object.keys(a.createError(k, 'C', 'm').value), a.createError(k, undefined, 'm').value instanceof Error,
    ]]),
    ...KINDS.map((k): [string, (a: Addon) => unknown] => [`throw kind ${k} with a code`, (a) => [a.throwError(k, 'E_BOOM', 'boom'), a.secondThrowStatus()]]),
    ...KINDS.map((k): [string, (a: Addon) => unknown] => [`throw kind ${k} without a code`, (a) => a.throwError(k, undefined, 'plain')]),
    ['throw with a NULL message', (a) => [a.throwError(0, 'C', undefined), a.secondThrowStatus()]],
    ...[42, 'str', undefined, null, { custom: true }].map((v): [string, (a: Addon) => unknown] => [`napi_throw(${JSON.stringify(v)})`, (a) => a.throwValue(v)]),
    ['napi_is_error', (a) => {
      class MyError extends Error {}
      return [new Error('x'), new TypeError('x'), new MyError('x'), { message: 'x' }, Object.create(Error.prototype),
        new Proxy(new Error('x'), {}), 'Error', null].map((v) => a.isError(v));
    }],
    ['pending exception: caught, cleared, nothing after', (a) => a.catchAndReport(() => {
      throw new RangeError('from js');
    })],
    ['a JS callback that returns', (a) => a.callThrough(() => 'fine')],
    ['a JS callback that throws', (a) => a.callThrough(() => {
      throw new SyntaxError('through');
    })],
    ['last error info after each kind of failure', (a) => a.errorMessages()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});
