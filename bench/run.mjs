// `npm run bench`: build the bench addons three ways, time them all in one
// Node process, measure start-up and sizes, print the report and write
// bench/results/latest.json (+ latest.md).
//
//   npm run bench                          everything
//   npm run bench -- --only add,noop       some cases (ids from bench/cases.mjs)
//   npm run bench -- --impl napi-wasm      some columns
//   npm run bench -- --time 200            ms of CPU time per measurement (default 500)
//   npm run bench -- --rounds 3            repeat the timing pass, keep each cell's fastest median
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildEmnapi, emnapiVersion } from './build-emnapi.mjs';
import { buildNapiWasm } from './build-napi-wasm.mjs';
import { buildNative } from './build-native.mjs';
import { ADDONS, CLANG, IMPLS, benchDir, cacheDir, log, packagesDir, resultsDir, root, versionOf } from './common.mjs';
import { evaluateTargets, renderReport } from './report.mjs';
import { emnapiRuntimeSize, fileSize, napiWasmRuntimeSize } from './sizes.mjs';
import { measureStartup } from './startup.mjs';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    impl: { type: 'string' },
    time: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '1' },
    'startup-runs': { type: 'string', default: '9' },
  },
});

// 1. napi-wasm's own dist (compiler + runtime bundle).
log('building dist/ (node scripts/build.mjs)');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });

// 2. The real packages, exactly as locked.
if (!['bufferutil', 'keccak'].every((a) => fs.existsSync(path.join(ADDONS[a].dir, 'binding.gyp')))) {
  log('installing bench/packages (npm ci --ignore-scripts)');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: packagesDir, stdio: 'inherit' });
}

// 3. Builds. A failed build is reported in its column, not fatal.
const builds = { errors: {} };
const attempt = async (impl, addon, fn) => {
  try {
    (builds[impl] ??= {})[addon] = await fn();
  } catch (err) {
    (builds.errors[impl] ??= {})[addon] = String(err.message).split('\n').slice(0, 3).join(' ');
    log(`${impl} build of ${addon} failed: ${err.message}`);
  }
};
for (const addon of ['bench', 'bufferutil', 'keccak', 'hello', 'hello-minimal']) {
  const spec = ADDONS[addon];
  if (!addon.startsWith('hello')) await attempt('native', addon, () => ({ file: buildNative(addon, spec).nodeFile }));
  await attempt('emnapi', addon, () => {
    const b = buildEmnapi(addon, spec);
    return { file: b.loaderFile, wasmFile: b.wasmFile };
  });
  await attempt('napi-wasm', addon, async () => {
    const b = await buildNapiWasm(addon, spec);
    return { file: b.loaderFile, wasmFile: b.wasmFile, toolchain: b.toolchain };
  });
}
fs.mkdirSync(cacheDir, { recursive: true });
const buildsFile = path.join(cacheDir, 'builds.json');
fs.writeFileSync(buildsFile, JSON.stringify(builds, null, 2));

// 4. All cases, all columns, one process.
// With --rounds N, the whole pass runs N times (a fresh process each) and
// each cell keeps its fastest median: a shared 2-core machine is noisy.
const rounds = [];
for (let round = 1; round <= Number(args.rounds); round++) {
  const measured = path.join(cacheDir, `measured-${round}.json`);
  fs.rmSync(measured, { force: true });
  const measureArgs = ['--expose-gc', '--no-warnings', path.join(benchDir, 'measure.mjs'), '--builds', buildsFile, '--out', measured, '--time', args.time];
  if (args.only) measureArgs.push('--only', args.only);
  if (args.impl) measureArgs.push('--impl', args.impl);
  log(`measuring, round ${round} of ${args.rounds} (one process for all three columns)`);
  const child = spawnSync(process.execPath, measureArgs, { stdio: 'inherit', cwd: root });
  if (child.status !== 0 || !fs.existsSync(measured)) {
    log(`measure.mjs failed (exit ${child.status}, signal ${child.signal})`);
    process.exit(1);
  }
  rounds.push(JSON.parse(fs.readFileSync(measured, 'utf8')));
}
const { cases, memory } = rounds[0];
for (const row of cases) {
  for (const [impl, first] of Object.entries(row.results)) {
    const all = rounds.map((r) => r.cases.find((c) => c.id === row.id).results[impl]);
    const timed = all.filter((r) => r.ns !== undefined);
    if (timed.length === 0) continue;
    row.results[impl] = { ...timed.reduce((a, b) => (b.ns < a.ns ? b : a)), rounds: timed.map((r) => r.ns) };
    if (first.status !== row.results[impl].status) row.results[impl].status = first.status;
  }
}

// 5. Start-up of bufferutil.
const startup = {};
for (const impl of IMPLS) {
  const file = builds[impl]?.bufferutil?.file;
  log(`start-up: ${impl}`);
  startup[impl] = file ? measureStartup(file, Number(args['startup-runs'])) : { error: builds.errors[impl]?.bufferutil ?? 'not built' };
}

// 6. Sizes.
const sizes = { wasm: {}, runtime: {} };
for (const addon of ['hello-minimal', 'hello', 'bench', 'bufferutil', 'keccak']) {
  sizes.wasm[addon] = { emnapi: fileSize(builds.emnapi?.[addon]?.wasmFile), 'napi-wasm': fileSize(builds['napi-wasm']?.[addon]?.wasmFile) };
}
sizes.runtime['napi-wasm'] = await napiWasmRuntimeSize();
sizes.runtime.emnapi = emnapiRuntimeSize();

// 7. Report.
const cpus = os.cpus();
const environment = {
  node: process.version,
  cpu: `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  'wasm toolchain (emnapi and napi-wasm)': versionOf(CLANG) ?? CLANG,
  'napi-wasm toolchain': builds['napi-wasm']?.bench?.toolchain ?? '—',
  'napi-wasm revision': revision(),
  'native compiler (node-gyp)': versionOf(process.env.CC ?? 'cc') ?? 'unknown',
  emnapi: `emnapi ${emnapiVersion}, libemnapi.a (wasm32-wasi), @emnapi/core + @emnapi/runtime ${emnapiVersion}`,
  timing: `mitata, ${args.time} ms CPU time per measurement, --expose-gc; ${args.rounds} round(s), fastest median kept`,
  date: new Date().toISOString(),
};
const result = { environment, cases, memory, startup, sizes, builds, addons: Object.fromEntries(Object.entries(ADDONS).map(([k, v]) => [k, path.relative(root, v.dir)])) };
result.targets = evaluateTargets(result);
const report = renderReport(result);
process.stdout.write(`\n${report}`);
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(resultsDir, 'latest.md'), report);
log(`wrote ${path.relative(root, path.join(resultsDir, 'latest.json'))}`);

/** HEAD, and whether the runtime or compiler measured had uncommitted changes. */
function revision() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'runtime', 'compiler', 'napi-shims'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in runtime/compiler` : head;
  } catch {
    return 'unknown';
  }
}
