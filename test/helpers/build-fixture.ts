// Builds a small C fixture (a directory with a binding.gyp and its sources)
// to wasm32-wasi with system clang-19, the way the compiler links addons:
// a WASI reactor importing Node-API from "napi". Cached by content hash.
// This is the one place to switch to compileAddon later.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashTree, repoRoot, testCacheDir } from './paths.js';

const run = promisify(execFile);
const headers = path.join(repoRoot, 'node_modules', 'node-api-headers', 'include');

interface GypTarget {
  target_name: string;
  sources: string[];
  include_dirs?: string[];
}

/** binding.gyp is a Python literal; the fixtures keep to its JSON subset
 *  plus comments, single quotes and trailing commas. */
function readGyp(dir: string): GypTarget {
  const text = fs
    .readFileSync(path.join(dir, 'binding.gyp'), 'utf8')
    .replace(/#.*$/gm, '')
    .replace(/'/g, '"')
    .replace(/,(\s*[\]}])/g, '$1');
  return (JSON.parse(text) as { targets: GypTarget[] }).targets[0]!;
}

export async function buildFixtureWasm(dir: string): Promise<Uint8Array> {
  const target = readGyp(dir);
  const includes = (target.include_dirs ?? []).map((d) => path.resolve(dir, d));
  const key = [dir, ...includes].map((d) => hashTree(d)).join('-');
  const out = path.join(testCacheDir, 'fixtures', `${target.target_name}-${key}.wasm`);
  if (fs.existsSync(out)) return fs.readFileSync(out);

  const work = path.join(testCacheDir, 'tmp', `${target.target_name}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(work, { recursive: true });
  const objects: string[] = [];
  for (const source of target.sources) {
    const obj = path.join(work, `${path.basename(source)}.o`);
    await run('clang-19', [
      '--target=wasm32-wasi',
      '-O2',
      `-I${headers}`,
      ...includes.map((d) => `-I${d}`),
      '-DBUILDING_NODE_EXTENSION',
      `-DNODE_GYP_MODULE_NAME=${target.target_name}`,
      '-c',
      path.resolve(dir, source),
      '-o',
      obj,
    ]);
    objects.push(obj);
  }
  const wasm = path.join(work, `${target.target_name}.wasm`);
  await run('clang-19', [
    '--target=wasm32-wasi',
    '-mexec-model=reactor',
    '-Wl,--export=malloc,--export=free,--export=napi_register_wasm_v1',
    '-Wl,--export-if-defined=node_api_module_get_api_version_v1',
    '-Wl,--export-table,--strip-all,--allow-undefined',
    ...objects,
    '-o',
    wasm,
  ]);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.renameSync(wasm, out);
  fs.rmSync(work, { recursive: true, force: true });
  return fs.readFileSync(out);
}
