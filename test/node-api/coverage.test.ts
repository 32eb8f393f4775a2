import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { napiSymbols } from '../../compiler/napi-symbols.js';
import { createNapiImports } from '../../runtime/api/index.js';
import { Env } from '../../runtime/env.js';

const require = createRequire(import.meta.url);

describe('node_api.h coverage', () => {
  const imports = createNapiImports(new Env({ name: 'coverage', filename: '' }));

  it('every node_api.h function through Node-API 10 is in the runtime\'s "napi" import object', () => {
    const versions = require('node-api-headers/symbols.js') as Record<string, { node_api_symbols: string[] }>;
    const nodeApi = new Set(Object.values(versions).flatMap((v) => v.node_api_symbols));
    for (const d of napiSymbols().declared) if (d.header === 'node_api.h') nodeApi.add(d.name);
    const missing = [...nodeApi].filter((name) => typeof imports[name] !== 'function');
    expect(missing).toEqual([]);
    expect(nodeApi.size).toBe(32);
  });
});
