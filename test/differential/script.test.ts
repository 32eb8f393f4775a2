// fixtures/api-script built natively with node-gyp and to Wasm must answer alike.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = any;
const g = globalThis as Record<string, unknown>;

describe('napi_run_script: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-script'), 'api_script');

  const scenarios: [string, (a: Addon, tag: string) => unknown][] = [
    ['values', (a) => ['1 + 2', '"s" + [1, 2]', '', '({ a: 1 })', 'this === globalThis', 'typeof require'].map((s) => a.run(s))],
    ['top-level var and let', (a, tag) => {
      a.run(`var scriptVar${tag} = 1; let scriptLet${tag} = 2;`);
      const d = Object.getOwnPropertyDescriptor(globalThis, `scriptVar${tag}`);
      return [g[`scriptVar${tag}`], d?.configurable, a.run(`scriptLet${tag}`).value, `scriptLet${tag}` in globalThis];
    }],
    ['non-string', (a) => [5, null, {}].map((v) => a.run(v))],
    ['syntax error', (a) => a.run('(')],
    ['throw', (a) => a.run('throw new RangeError("r")')],
    ['throw a primitive', (a) => a.run('throw 42')],
    ['argument checks', (a) => a.runNull()],
  ];

  it.each(scenarios)('%s', (name, run) => {
    const tag = name.replace(/\W/g, '');
    expect(observe(() => run(wasm, `W${tag}`))).toEqual(observe(() => run(native, `N${tag}`)));
  });
});
