// Loads a C fixture from fixtures/<name> through the runtime sources.
import path from 'node:path';
import { loadAddonSync, type LoadOptions } from '../../runtime/index.js';
import { buildFixtureWasm } from '../helpers/build-fixture.js';
import { fixturesDir } from '../helpers/paths.js';

export function fixtureBytes(name: string): Promise<Uint8Array> {
  return buildFixtureWasm(path.join(fixturesDir, name));
}

export async function loadFixture<T = any>(name: string, options: LoadOptions = {}): Promise<T> {
  return loadAddonSync(await fixtureBytes(name), { name, ...options }) as T;
}
