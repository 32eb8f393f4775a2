// The measuring process: loads the native, emnapi and napi-wasm builds of
// every addon into this ONE Node process and times each case on each, with
// mitata. Started by run.mjs (and profile.mjs) as
//   node --expose-gc bench/measure.mjs --builds FILE --out FILE [--only a,b] [--impl x,y] [--time MS]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { measure } from 'mitata';
import { ALL_CASES, ERROR_NAPI, INIT_NAPI } from './cases.mjs';
import { IMPLS, log } from './common.mjs';
import { loadAddon, MissingNapiError, notImplementedName } from './load.mjs';

const { values: args } = parseArgs({
  options: {
    builds: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
    impl: { type: 'string' },
    time: { type: 'string', default: '500' },
  },
});
const builds = JSON.parse(fs.readFileSync(args.builds, 'utf8'));
const impls = args.impl ? args.impl.split(',') : IMPLS;
const only = args.only ? new Set(args.only.split(',')) : undefined;
const cases = ALL_CASES.filter((c) => !only || only.has(c.id));
const minCpuTime = Number(args.time) * 1e6;

// ---- load everything ----------------------------------------------------------

const loads = {};
for (const impl of impls) {
  loads[impl] = {};
  for (const addon of new Set(cases.map((c) => c.addon))) {
    const build = builds[impl]?.[addon];
    if (!build) {
      loads[impl][addon] = { error: builds.errors?.[impl]?.[addon] ?? 'not built', missing: [] };
      continue;
    }
    const loaded = loadAddon(impl, build.file);
    const memory = loaded.instance?.exports.memory;
    loads[impl][addon] = {
      ...loaded,
      memoryPagesAfterInit: memory ? memory.buffer.byteLength / 65536 : undefined,
    };
  }
}
checkCaseImports();

// ---- run the cases ------------------------------------------------------------

const results = [];
for (const c of cases) {
  const row = { id: c.id, label: c.label, addon: c.addon, group: c.addon === 'bench' ? 'micro' : 'real', computeHeavy: Boolean(c.computeHeavy), results: {} };
  for (const impl of impls) {
    row.results[impl] = await runCase(c, impl, loads[impl][c.addon]);
    const r = row.results[impl];
    log(`${c.label.padEnd(32)} ${impl.padEnd(9)} ${r.status === 'ok' || r.status === 'wrong' ? `${r.ns.toFixed(1)} ns/op${r.status === 'wrong' ? ' (wrong result)' : ''}` : `${r.status}: ${r.reason}`}`);
  }
  results.push(row);
}

const memory = {};
for (const impl of impls) {
  memory[impl] = {};
  for (const [addon, l] of Object.entries(loads[impl])) {
    const mem = l.instance?.exports.memory;
    memory[impl][addon] = {
      pagesAfterInit: l.memoryPagesAfterInit,
      pagesAfterRun: mem ? mem.buffer.byteLength / 65536 : undefined,
      missing: l.missing,
      loadError: l.error,
    };
  }
}
fs.writeFileSync(args.out, JSON.stringify({ cases: results, memory }, null, 2));

// ---- helpers ------------------------------------------------------------------

async function runCase(c, impl, loaded) {
  if (loaded.error && !loaded.exports) {
    return loaded.missing.length ? { status: 'n/a', reason: `missing ${loaded.missing.join(', ')}` } : { status: 'error', reason: `load failed: ${loaded.error}` };
  }
  const needed = [...INIT_NAPI, ...c.napi];
  const missing = needed.filter((n) => loaded.missing.includes(n));
  if (missing.length) return { status: 'n/a', reason: `missing ${[...new Set(missing)].join(', ')}` };

  let status = 'ok';
  let note;
  try {
    c.verify(loaded.exports);
  } catch (err) {
    if (err instanceof MissingNapiError) return { status: 'n/a', reason: err.message };
    if (notImplementedName(err?.message)) return { status: 'n/a', reason: `missing ${notImplementedName(err.message)}` };
    if (err?.code !== 'ERR_ASSERTION') return { status: 'error', reason: String(err?.message ?? err).split('\n')[0] };
    // A wrong answer is timed anyway (emnapi, for one, copies JS buffers
    // into wasm memory one way only), but marked in the table.
    status = 'wrong';
    note = String(err.message).split('\n')[0];
  }
  try {
    const f = c.setup(loaded.exports);
    const timed = () => {
      f();
    };
    const stats = await measure(timed, { min_cpu_time: minCpuTime });
    return { status, note, ns: stats.p50, avg: stats.avg, min: stats.min, p99: stats.p99, samples: stats.samples.length, ticks: stats.ticks };
  } catch (err) {
    if (err instanceof MissingNapiError) return { status: 'n/a', reason: err.message };
    if (notImplementedName(err?.message)) return { status: 'n/a', reason: `missing ${notImplementedName(err.message)}` };
    return { status: 'error', reason: String(err?.message ?? err).split('\n')[0] };
  }
}

/** The napi list of each case must match what the wasm build really imports. */
function checkCaseImports() {
  for (const addon of ['bench', 'bufferutil']) {
    const wasmFile = builds['napi-wasm']?.[addon]?.wasmFile ?? builds.emnapi?.[addon]?.wasmFile;
    if (!wasmFile || !fs.existsSync(wasmFile)) continue;
    const imported = new Set(
      WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasmFile)))
        .map((i) => i.name)
        .filter((n) => /^(napi|node_api)_/.test(n)),
    );
    const listed = new Set([...INIT_NAPI, ...(addon === 'bench' ? ERROR_NAPI : []), ...ALL_CASES.filter((c) => c.addon === addon).flatMap((c) => c.napi)]);
    const unlisted = [...imported].filter((n) => !listed.has(n));
    const unused = [...listed].filter((n) => !imported.has(n));
    if (unlisted.length || unused.length) {
      log(`warning: cases.mjs napi lists for ${addon} are out of date (imported but unlisted: ${unlisted.join(', ') || '-'}; listed but not imported: ${unused.join(', ') || '-'})`);
    }
  }
}
