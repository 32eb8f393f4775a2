// Stage 1 of a build: evaluate binding.gyp with the real gyp (gyp-next, as
// bundled by node-gyp), the way `node-gyp configure` does, and read gyp's
// result through our JSON generator (napi_wasm_json.py).
import fs from 'node:fs';
import path from 'node:path';
import { NapiWasmError } from '../errors.js';
import { gypMain, gypSupportDir, nodeGypAddonGypi, nodeGypDir, packageNameOf } from '../paths.js';
import { runProcess } from '../toolchain/system-clang.js';
import type { GypProject, GypTarget, GypTargetType } from './types.js';

/** gyp variables for a wasm32-wasi build. OS "wasi" matches gyp-next's own wasi make flavour. */
export const WASM_GYP_VARIABLES = { OS: 'wasi', target_arch: 'wasm32', host_arch: hostArch() } as const;

/** The highest Node-API version the runtime implements; what napi_build_version defaults to. */
export const NAPI_BUILD_VERSION = '10';

// Where node-gyp would put Node's headers. Nothing lives there: our include
// path comes from node-api-headers and napi-shims instead, so any include dir
// under it is dropped.
export const ABSENT_NODE_ROOT = '/napi-wasm-node-root-unused';

export interface EvaluateOptions {
  addonDir: string;
  configuration: 'Release' | 'Debug';
  /** Scratch folder for config.gypi and the JSON result. */
  workDir: string;
  /** Value of gyp's PRODUCT_DIR. */
  productDir: string;
}

function hostArch(): string {
  return process.arch;
}

function python(): string {
  return process.env.NODE_GYP_FORCE_PYTHON ?? process.env.PYTHON ?? 'python3';
}

/** Like node-gyp's config.gypi: Node's own build variables, then ours on top. */
function configGypi(options: EvaluateOptions): string {
  const nodeVariables = (process.config as unknown as { variables?: Record<string, unknown> }).variables ?? {};
  const variables: Record<string, unknown> = {
    ...nodeVariables,
    ...WASM_GYP_VARIABLES,
    napi_build_version: NAPI_BUILD_VERSION,
    nodedir: ABSENT_NODE_ROOT,
    standalone_static_library: 1,
    napi_wasm_product_dir: options.productDir,
    napi_wasm_configuration: options.configuration,
  };
  const config = { target_defaults: { default_configuration: options.configuration }, variables };
  // gyp reads Python literals: booleans become strings, as node-gyp does.
  return JSON.stringify(config, (_k, v: unknown) => (typeof v === 'boolean' ? String(v) : v), 1);
}

export async function evaluateGyp(options: EvaluateOptions): Promise<GypProject> {
  const addonDir = path.resolve(options.addonDir);
  const gypFile = path.join(addonDir, 'binding.gyp');
  const packageName = packageNameOf(addonDir);
  if (!fs.existsSync(gypFile)) {
    throw new NapiWasmError('NO_BINDING_GYP', 'no binding.gyp found, so there is no native addon to compile', {
      location: { packageName, file: gypFile },
      hint: 'Pass the folder that holds the addon\'s binding.gyp (usually the package root). Packages built with CMake or prebuilt-only packages cannot be compiled from source.',
    });
  }
  fs.mkdirSync(options.workDir, { recursive: true });
  const configFile = path.join(options.workDir, 'config.gypi');
  const outputFile = path.join(options.workDir, 'gyp-targets.json');
  fs.writeFileSync(configFile, configGypi(options));
  fs.rmSync(outputFile, { force: true });

  const args = [
    path.join(gypSupportDir, 'run_gyp.py'),
    path.dirname(gypMain),
    'binding.gyp',
    '-f', 'napi_wasm_json',
    '-G', `napi_wasm_output=${outputFile}`,
    '--depth=.',
    '--no-parallel',
    '-I', configFile,
    '-I', nodeGypAddonGypi,
    '-I', path.join(gypSupportDir, 'wasm-common.gypi'),
    '-Dlibrary=static_library',
    '-Dvisibility=default',
    `-Dnode_root_dir=${ABSENT_NODE_ROOT}`,
    `-Dnode_gyp_dir=${nodeGypDir}`,
    `-Dnode_lib_file=${ABSENT_NODE_ROOT}/node.lib`,
    `-Dmodule_root_dir=${addonDir}`,
    '-Dnode_engine=v8',
    `-DOS=${WASM_GYP_VARIABLES.OS}`,
    `-Dtarget_arch=${WASM_GYP_VARIABLES.target_arch}`,
  ];
  const run = await runProcess(python(), args, addonDir);
  if (run.code !== 0 || !fs.existsSync(outputFile)) throw gypFailure(run.stderr, gypFile, packageName);
  const raw = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as RawGypOutput;
  return {
    gypFile,
    configuration: options.configuration,
    targets: raw.targets.map((t) => toTarget(t, options.configuration)),
    variables: { ...WASM_GYP_VARIABLES, napi_build_version: NAPI_BUILD_VERSION },
  };
}

/** Turns gyp's output (a Python traceback or "gyp: ..." lines) into one message with file and line. */
function gypFailure(stderr: string, gypFile: string, packageName: string): NapiWasmError {
  const lines = stderr.trim().split('\n');
  let file = gypFile;
  let line: number | undefined;
  let message = '';
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    const at = /^\s*File "([^"]+)", line (\d+)/.exec(l);
    if (at && !at[1]!.endsWith('.py')) {
      file = path.resolve(path.dirname(gypFile), at[1]!);
      line = Number(at[2]);
      break;
    }
  }
  const last = lines.filter((l) => l.trim()).pop() ?? 'gyp failed';
  const gypLine = lines.find((l) => l.startsWith('gyp: '));
  message = gypLine ? gypLine.slice(5) : last.replace(/^\w*Error: /, (m) => (m.startsWith('SyntaxError') ? 'syntax error: ' : m));
  const exprFile = /in (\S+\.gypi?)\b/.exec(message);
  if (!line && exprFile) file = path.resolve(path.dirname(gypFile), exprFile[1]!);
  return new NapiWasmError('GYP_ERROR', `gyp could not read the build file: ${message}`, {
    location: { packageName, file, ...(line ? { line } : {}) },
    hint: 'Fix the binding.gyp (it must also work with `node-gyp configure`), or report it to the package\'s authors.',
    details: stderr,
  });
}

interface RawGypOutput {
  targets: { qualifiedName: string; gypFile: string; name: string; spec: Record<string, unknown> }[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** A gyp path as written: relative to the .gyp file's folder; quotes from `<!(node -p ...)` removed. */
function absolutePath(p: string, baseDir: string): string {
  const unquoted = p.replace(/"/g, '');
  const embedded = unquoted.indexOf('//');
  const clean = embedded >= 0 && !path.isAbsolute(unquoted) ? unquoted.slice(embedded + 1) : unquoted;
  return path.resolve(baseDir, clean);
}

function toTarget(raw: RawGypOutput['targets'][number], configuration: 'Release' | 'Debug'): GypTarget {
  const spec = raw.spec;
  const baseDir = path.dirname(raw.gypFile);
  const configs = (spec.configurations ?? {}) as Record<string, Record<string, unknown>>;
  const config = configs[configuration] ?? configs[String(spec.default_configuration)] ?? {};
  const pick = (key: string) => [...strings(spec[key]), ...strings(config[key])];
  return {
    qualifiedName: raw.qualifiedName,
    name: raw.name,
    gypFile: raw.gypFile,
    type: (spec.type as GypTargetType | undefined) ?? 'none',
    dependencies: strings(spec.dependencies),
    sources: strings(spec.sources).map((s) => absolutePath(s, baseDir)),
    defines: pick('defines'),
    includeDirs: pick('include_dirs').map((d) => absolutePath(d, baseDir)),
    cflags: pick('cflags'),
    cflagsC: pick('cflags_c'),
    cflagsCc: pick('cflags_cc'),
    ldflags: pick('ldflags'),
    libraries: strings(spec.libraries),
    actions: [...['actions', 'rules', 'copies'].flatMap((k) => (Array.isArray(spec[k]) ? (spec[k] as { action_name?: string; rule_name?: string; destination?: string }[]).map((a) => a.action_name ?? a.rule_name ?? `copy to ${a.destination ?? '?'}`) : []))],
  };
}
