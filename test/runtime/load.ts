// Loads a C fixture from fixtures/<name> through the runtime sources.
import path from 'node:path';
import type { Env } from '../../runtime/env.js';
import { loadAddonSync, type LoadOptions } from '../../runtime/index.js';
import { initialize, prepare } from '../../runtime/instantiate.js';
import { buildFixtureWasm } from '../helpers/build-fixture.js';
import { fixturesDir } from '../helpers/paths.js';

export function fixtureBytes(name: string): Promise<Uint8Array> {
  return buildFixtureWasm(path.join(fixturesDir, name));
}

export async function loadFixture<T = any>(name: string, options: LoadOptions = {}): Promise<T> {
  return loadAddonSync(await fixtureBytes(name), { name, ...options }) as T;
}

/** Loads a fixture and also returns its env, for tests of the runtime's own state. */
export async function loadFixtureWithEnv<T = any>(name: string): Promise<{ addon: T; env: Env }> {
  const module = new WebAssembly.Module((await fixtureBytes(name)) as BufferSource);
  const options = { name, filename: '', stdout: console.log, stderr: console.error, env: {}, args: [] };
  const prepared = prepare(module, options);
  const addon = initialize(prepared, new WebAssembly.Instance(module, prepared.imports)) as T;
  return { addon, env: prepared.env };
}
