// Where the napi-wasm time goes: runs measure.mjs under `node --cpu-prof` for
// one case at a time (napi-wasm column only) and prints the top self-time
// functions, each with the runtime source file it comes from.
//
//   node bench/profile.mjs                 the 6 cases with the worst napi-wasm/native ratio in results/latest.json
//   node bench/profile.mjs add noop        these cases
//   node bench/profile.mjs --startup       bufferutil start-up (require → first call), 20 fresh processes
//   options: --time MS (CPU time per case, default 3000), --top N (default 12)
// Needs a previous `npm run bench` (for bench/.cache/builds.json).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, cacheDir, log, resultsDir, root } from './common.mjs';
import { ratios } from './report.mjs';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    time: { type: 'string', default: '3000' },
    top: { type: 'string', default: '12' },
    worst: { type: 'string', default: '6' },
    startup: { type: 'boolean', default: false },
  },
});
const buildsFile = path.join(cacheDir, 'builds.json');
if (!fs.existsSync(buildsFile)) {
  console.error('Run `npm run bench` first: profile.mjs uses its builds.');
  process.exit(1);
}
const builds = JSON.parse(fs.readFileSync(buildsFile, 'utf8'));
await useReadableRuntime();
const top = Number(args.top);
const profilesDir = path.join(cacheDir, 'profiles');
const sourceCache = new Map();

const sections = [];
if (args.startup) {
  sections.push(profileStartup());
} else {
  let ids = positionals;
  if (ids.length === 0) {
    const latest = JSON.parse(fs.readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'));
    ids = latest.cases
      .filter((row) => ratios(row).wasmOverNative !== undefined)
      .sort((a, b) => ratios(b).wasmOverNative - ratios(a).wasmOverNative)
      .slice(0, Number(args.worst))
      .map((row) => row.id);
  }
  for (const id of ids) sections.push(profileCase(id));
}
const text = sections.join('\n');
process.stdout.write(text);
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, args.startup ? 'profile-startup.md' : 'profile.md'), text);

/**
 * The shipped runtime is minified; profile an unminified build of the same
 * source so frames map back to runtime/*.ts (the next `npm run bench` copies
 * the shipped one back).
 */
async function useReadableRuntime() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [path.join(root, 'runtime', 'index.ts')],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'cjs',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const b of Object.values(builds['napi-wasm'] ?? {})) {
    if (b?.file) fs.writeFileSync(path.join(path.dirname(b.file), 'napi-runtime.cjs'), out.outputFiles[0].contents);
  }
}

function profileCase(id) {
  const dir = path.join(profilesDir, id);
  fs.rmSync(dir, { recursive: true, force: true });
  log(`profiling ${id} (napi-wasm, ${args.time} ms)`);
  const out = path.join(dir, 'measured.json');
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--expose-gc', '--no-warnings', path.join(benchDir, 'measure.mjs'), '--builds', buildsFile, '--out', out, '--impl', 'napi-wasm', '--only', id, '--time', args.time],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const measured = JSON.parse(fs.readFileSync(out, 'utf8')).cases[0];
  const r = measured?.results['napi-wasm'];
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  const title = `### ${measured?.label ?? id} — napi-wasm ${r?.ns !== undefined ? `${r.ns.toFixed(1)} ns/op` : r?.status}`;
  return renderTop(title, aggregate(profiles));
}

function profileStartup() {
  const file = builds['napi-wasm']?.bufferutil?.file;
  if (!file) throw new Error('no napi-wasm build of bufferutil');
  const dir = path.join(profilesDir, 'startup');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const child = `
performance.mark('t0');
const m = require(process.argv[1]);
const s = Buffer.alloc(16, 0x5a), k = Buffer.from([1, 2, 3, 4]), o = Buffer.alloc(16);
m.mask(s, k, o, 0, 16);
performance.mark('t1');`;
  log('profiling bufferutil start-up (napi-wasm), 20 runs');
  for (let i = 0; i < 20; i++) {
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval=50', `--cpu-prof-dir=${dir}`, '--no-warnings', '-e', child, file], { stdio: 'ignore' });
  }
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  // Only the samples between the loader's require() and the end of the first call.
  const windowed = profiles.map((p) => windowAround(p, file));
  return renderTop('### bufferutil start-up — napi-wasm (samples inside require() of the loader and the first mask() call, 20 runs)', aggregate(windowed));
}

/** Keeps only samples whose stack contains a frame from the loader's directory or wasm. */
function windowAround(profile, loaderFile) {
  const dir = path.dirname(loaderFile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inWindow = new Map();
  const check = (id) => {
    if (inWindow.has(id)) return inWindow.get(id);
    const n = byId.get(id);
    const url = n.callFrame.url ?? '';
    const own = url.includes(dir) || url.startsWith('wasm://') || n.callFrame.functionName === 'compileWasm';
    const result = own || (parent.has(id) ? check(parent.get(id)) : false);
    inWindow.set(id, result);
    return result;
  };
  const samples = [];
  const timeDeltas = [];
  for (let i = 0; i < profile.samples.length; i++) {
    if (check(profile.samples[i])) {
      samples.push(profile.samples[i]);
      timeDeltas.push(profile.timeDeltas[i]);
    }
  }
  return { ...profile, samples, timeDeltas };
}

/** Self time per function (name + source location), summed over profiles. */
function aggregate(profiles) {
  const totals = new Map();
  let all = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (let i = 0; i < p.samples.length; i++) {
      const dt = Math.max(0, p.timeDeltas[i] ?? 0);
      const node = byId.get(p.samples[i]);
      const caller = byId.get(parent.get(node.id))?.callFrame;
      // mitata times with a generated function (no script); V8 inlines the
      // timed closure and the addon's JS entry point into it.
      const key = !node.callFrame.url && !node.callFrame.functionName && caller && /mitata/.test(caller.url)
        ? '(mitata loop, with the JS V8 inlined into it)'
        : describe(node.callFrame);
      totals.set(key, (totals.get(key) ?? 0) + dt);
      all += dt;
    }
  }
  return { totals, all };
}

/** "name (runtime/api/values.ts)" for runtime bundle frames, else name (file:line). */
function describe({ functionName, url, lineNumber }) {
  const name = functionName || '(anonymous)';
  if (!url) return name;
  if (url.startsWith('wasm://')) return `${name} [wasm]`;
  const file = url.replace(/^file:\/\//, '');
  if (file.endsWith('napi-runtime.cjs')) return `${name} (${runtimeSourceOf(file, lineNumber)})`;
  if (file.includes(`${path.sep}mitata${path.sep}`)) return `${name} (mitata)`;
  if (file.startsWith('node:')) return `${name} (${file})`;
  return `${name} (${path.relative(root, file)}:${lineNumber + 1})`;
}

/** esbuild marks each bundled file with a `// runtime/…ts` comment line. */
function runtimeSourceOf(file, line) {
  let marks = sourceCache.get(file);
  if (!marks) {
    marks = [];
    fs.readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
      const m = /^\/\/ (runtime\/\S+\.ts)$/.exec(text);
      if (m) marks.push([i, m[1]]);
    });
    sourceCache.set(file, marks);
  }
  let source = 'napi-runtime.cjs';
  for (const [at, name] of marks) if (at <= line) source = name;
  return source;
}

function renderTop(title, { totals, all }) {
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [title, '', `Total sampled: ${(all / 1000).toFixed(0)} ms.`, '', '| self % | self ms | function |', '| ---: | ---: | --- |'];
  for (const [key, us] of rows) lines.push(`| ${((100 * us) / all).toFixed(1)} | ${(us / 1000).toFixed(1)} | ${key.replace(/\|/g, '\\|')} |`);
  lines.push('');
  return lines.join('\n');
}
