// fixtures/api-scopes built natively with node-gyp and to Wasm must answer
// alike. (Misuse that is undefined behaviour in Node, and scopes a callback
// leaves open, which Node aborts on, are tested against the runtime only.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;

describe('handle scopes: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-scopes'), 'api_scopes');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ['open, close, close again, escape twice, close NULL', (a) => a.basics()],
    ['escape through nested escapable scopes', (a) => a.nestedEscape()],
    ['many scopes in one call', (a) => a.many(10000)],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });
});
