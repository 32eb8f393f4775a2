// Every function node-api-headers declares is in the runtime's import object,
// or listed in runtime/api/unsupported.ts with a reason; docs/coverage.md
// (scripts/coverage.mjs) says so and is up to date.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { napiSymbols } from '../../compiler/napi-symbols.js';
import { AREAS, areaFunctions, createNapiImports } from '../../runtime/api/index.js';
import { DELIBERATELY_UNSUPPORTED } from '../../runtime/api/unsupported.js';
import { Env } from '../../runtime/env.js';
import { repoRoot } from '../helpers/paths.js';

describe('Node-API coverage', () => {
  const imports = createNapiImports(new Env({ name: 'coverage', filename: '' }));
  const declared = napiSymbols().declared;

  it.each(['js_native_api.h', 'node_api.h'])('every function %s declares is implemented or deliberately unsupported', (header) => {
    const missing = declared
      .filter((d) => d.header === header && !(d.name in imports) && !DELIBERATELY_UNSUPPORTED[d.name])
      .map((d) => d.name);
    expect(missing).toEqual([]);
  });

  it('every function listed as unsupported has a reason and is declared', () => {
    for (const [name, reason] of Object.entries(DELIBERATELY_UNSUPPORTED)) {
      expect(reason.length, name).toBeGreaterThan(0);
      expect(declared.some((d) => d.name === name), name).toBe(true);
    }
  });

  it('the runtime provides nothing the headers do not declare', () => {
    const names = new Set(declared.map((d) => d.name));
    expect(Object.keys(imports).filter((n) => !names.has(n))).toEqual([]);
  });

  it('each area lists exactly the functions it makes (the loader builds only the areas an addon imports)', () => {
    const env = new Env({ name: 'areas', filename: '' });
    for (const [area, names] of AREAS) expect(Object.keys(area(env)).sort(), area.name).toEqual(areaFunctions(names).sort());
  });

  it('an addon gets only the functions it imports', () => {
    const env = new Env({ name: 'areas', filename: '' });
    const imports = createNapiImports(env, ['napi_get_cb_info', 'napi_create_double', 'napi_no_such_function']);
    expect(Object.keys(imports).sort()).toEqual(['napi_create_double', 'napi_get_cb_info']);
  });

  it('docs/coverage.md is up to date', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'coverage.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
