// Stage 2: turn gyp's targets into a build plan — which sources compile with
// which arguments, and which objects link into which addon.
import path from 'node:path';
import { NapiWasmError } from './errors.js';
import { filterFlags, libraryDecision, sourceKind } from './flags.js';
import { ABSENT_NODE_ROOT } from './gyp/evaluate.js';
import type { GypProject, GypTarget } from './gyp/types.js';
import { nodeApiHeadersDir, shimsIncludeDir } from './paths.js';
import type { Toolchain } from './toolchain/types.js';
import { wasmExceptionFlags } from './shims.js';

export interface CompileUnit {
  /** The gyp target that lists the source. */
  targetName: string;
  source: string;
  language: 'c' | 'c++';
  object: string;
  /** Driver arguments without the source, -c and -o. */
  flags: string[];
  /** What a sandboxed toolchain must be able to read. */
  inputs: string[];
}

export interface AddonPlan {
  /** target_name; the output is <name>.wasm and <name>.cjs. */
  name: string;
  gypFile: string;
  units: CompileUnit[];
  /** -l flags passed to the linker. */
  libraries: string[];
  usesCxx: boolean;
  cxxExceptions: boolean;
  wasmFile: string;
  loaderFile: string;
}

export interface BuildPlan {
  packageName: string;
  addonDir: string;
  outDir: string;
  configuration: 'Release' | 'Debug';
  addons: AddonPlan[];
  /** Things left out on purpose, one line each, for the build log. */
  notes: string[];
}

export interface PlanOptions {
  project: GypProject;
  packageName: string;
  addonDir: string;
  outDir: string;
  workDir: string;
  toolchain: Toolchain;
  /** Leave out a mixed package's optional V8 path: drop the defines that turn it on. */
  nodeApiOnly?: boolean;
}

// node-gyp's addon.gypi defines these for every addon; they select nothing.
const NODE_GYP_V8_DEFINES = new Set(['USING_V8_SHARED=1', 'V8_DEPRECATION_WARNINGS=1']);

export function planBuild(options: PlanOptions): BuildPlan {
  const { project, packageName } = options;
  const notes: string[] = [];
  const byName = new Map(project.targets.map((t) => [t.qualifiedName, t]));
  const addons = project.targets
    .filter((t) => t.type === 'loadable_module' || t.type === 'shared_library')
    .map((addon) => planAddon(addon, linkedTargets(addon, byName), options, notes));
  if (addons.length === 0) {
    throw new NapiWasmError('GYP_ERROR', 'binding.gyp has no addon target (type loadable_module)', {
      location: { packageName, file: project.gypFile },
      hint: 'Only targets that node-gyp builds into a .node file are compiled; check the target types in binding.gyp.',
    });
  }
  return { packageName, addonDir: options.addonDir, outDir: options.outDir, configuration: project.configuration, addons, notes };
}

/** The addon and every static library it depends on, directly or not, dependencies first. */
function linkedTargets(addon: GypTarget, byName: Map<string, GypTarget>): GypTarget[] {
  const out: GypTarget[] = [];
  const seen = new Set<string>();
  const visit = (t: GypTarget) => {
    if (seen.has(t.qualifiedName)) return;
    seen.add(t.qualifiedName);
    for (const dep of t.dependencies) {
      const d = byName.get(dep);
      if (d && (d.type === 'static_library' || d.type === 'none')) visit(d);
    }
    out.push(t);
  };
  visit(addon);
  return out;
}

/** Exceptions follow the package: node-gyp's -fno-exceptions unless it removed it. */
function wantsCxxExceptions(t: GypTarget): boolean {
  if (t.defines.some((d) => d === 'NAPI_DISABLE_CPP_EXCEPTIONS' || d === 'NODE_ADDON_API_DISABLE_CPP_EXCEPTIONS')) return false;
  if (t.defines.includes('NAPI_CPP_EXCEPTIONS')) return true;
  const flags = [...t.cflags, ...t.cflagsCc];
  const last = flags.filter((f) => f === '-fexceptions' || f === '-fno-exceptions').pop();
  return last !== '-fno-exceptions';
}

function planAddon(addon: GypTarget, targets: GypTarget[], options: PlanOptions, notes: string[]): AddonPlan {
  const { toolchain, packageName } = options;
  const rel = (p: string) => path.relative(options.addonDir, p) || '.';
  const units: CompileUnit[] = [];
  const libraries: string[] = [];
  const linkedProducts = new Set(targets.filter((t) => t !== addon).map((t) => t.name));
  let usesCxx = false;
  let cxxExceptions = false;

  for (const t of targets) {
    const droppedFlags = new Map<string, string>();
    for (const action of t.actions) notes.push(`${t.name}: skipped gyp action/rule/copy "${action}" (not run for wasm builds)`);
    const defines = options.nodeApiOnly ? t.defines.filter((d) => NODE_GYP_V8_DEFINES.has(d) || !/V8/.test(d)) : t.defines;
    for (const d of t.defines.filter((x) => !defines.includes(x))) notes.push(`${t.name}: dropped define ${d} (it turns on the package's optional V8 code, which cannot run outside Node)`);
    const includeDirs = [nodeApiHeadersDir, shimsIncludeDir, ...t.includeDirs.filter((d) => !d.startsWith(ABSENT_NODE_ROOT))];
    for (const source of t.sources) {
      const kind = sourceKind(source);
      if (kind === 'unsupported') {
        notes.push(`${t.name}: dropped source ${rel(source)} (assembly and Objective-C cannot target wasm32)`);
        continue;
      }
      if (kind !== 'c' && kind !== 'c++') continue;
      const language = kind;
      const exceptions = language === 'c++' && wantsCxxExceptions(t);
      usesCxx ||= language === 'c++';
      cxxExceptions ||= exceptions;
      const { kept, dropped } = filterFlags([...t.cflags, ...(language === 'c' ? t.cflagsC : t.cflagsCc)]);
      for (const d of dropped) droppedFlags.set(d.flag, d.why);
      const flags = [
        `--target=${toolchain.targetTriple}`,
        ...(toolchain.sysroot ? [`--sysroot=${toolchain.sysroot}`] : []),
        ...defines.map((d) => `-D${d}`),
        ...includeDirs.map((d) => `-I${d}`),
        ...kept,
        ...(exceptions ? wasmExceptionFlags(toolchain) : language === 'c++' ? ['-fno-exceptions'] : []),
        // node-addon-api drops AsyncWorker and ThreadSafeFunction on wasm without
        // threads; the runtime runs them on one thread (napi-shims/include/mutex).
        ...(language === 'c++' ? ['-DNAPI_HAS_THREADS=1'] : []),
      ];
      const objRel = path.relative(path.dirname(t.gypFile), source).replace(/\.\.(\/|\\)/g, '__/');
      units.push({
        targetName: t.name,
        source,
        language,
        object: path.join(options.workDir, 'obj', t.name, `${objRel}.o`),
        flags,
        inputs: [source, path.dirname(t.gypFile), ...includeDirs],
      });
    }
    for (const [flag, why] of droppedFlags) notes.push(`${t.name}: dropped flag ${flag} (${why})`);
    for (const lib of t.libraries) {
      const base = path.basename(lib).replace(/^lib/, '').replace(/\.a$/, '');
      if (linkedProducts.has(base)) continue;
      const decision = libraryDecision(lib);
      if ('use' in decision) libraries.push(decision.use);
      else if ('drop' in decision) notes.push(`${t.name}: dropped library ${decision.drop}`);
      else {
        throw new NapiWasmError('UNSUPPORTED', `links the system library "${decision.missing}", which has no wasm32-wasi build`, {
          location: { packageName, file: t.gypFile },
          hint: 'napi-wasm compiles only the sources shipped in the package. A library the addon gets from the system (pkg-config, -l) needs a wasm32 build of its own.',
        });
      }
    }
  }
  return {
    name: addon.name,
    gypFile: addon.gypFile,
    units,
    libraries,
    usesCxx,
    cxxExceptions,
    wasmFile: path.join(options.outDir, `${addon.name}.wasm`),
    loaderFile: path.join(options.outDir, `${addon.name}.cjs`),
  };
}
