// Turns the measured numbers into the markdown report printed by
// `npm run bench` and checks the targets of issue 8. Can be re-run on a saved
// result: `node bench/report.mjs [bench/results/latest.json]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPLS, resultsDir } from './common.mjs';

/** Issue 8's targets. KB = 1000 bytes (the stricter reading). */
export const TARGETS = {
  microRatio: 1.5,
  emnapiSpeedup: 10,
  realRatio: 1.5,
  startupMs: 5,
  runtimeMinGzBytes: 15_000,
  helloWasmBytes: 10_000,
};

const value = (r) => (r && (r.status === 'ok' || r.status === 'wrong') ? r.ns : undefined);

export function ratios(row) {
  const n = value(row.results.native);
  const e = value(row.results.emnapi);
  const w = value(row.results['napi-wasm']);
  return {
    wasmOverNative: n && w ? w / n : undefined,
    emnapiOverWasm: e && w ? e / w : undefined,
    emnapiOverNative: e && n ? e / n : undefined,
  };
}

function fmtNs(r) {
  if (!r) return '—';
  if (r.status === 'n/a') return `n/a (${r.reason})`;
  if (r.status === 'error') return `error (${r.reason})`;
  const ns = r.ns;
  const text = ns >= 100 ? Math.round(ns).toLocaleString('en-US') : ns.toFixed(1);
  return r.status === 'wrong' ? `${text} ✗` : text;
}

const fmtRatio = (x) => (x === undefined ? '—' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`);
const fmtBytes = (s) => (s ? `${s.bytes.toLocaleString('en-US')} B (${s.gzip.toLocaleString('en-US')} B gz)` : '—');

export function evaluateTargets(result) {
  const out = [];
  const rows = result.cases;
  const micro = rows.filter((r) => r.group === 'micro');
  const real = rows.filter((r) => r.group === 'real' && r.computeHeavy);

  const ratioTarget = (name, list, limit) => {
    const missing = list.filter((r) => ratios(r).wasmOverNative === undefined).map((r) => r.label);
    const over = list.filter((r) => (ratios(r).wasmOverNative ?? 0) > limit).map((r) => `${r.label} ${fmtRatio(ratios(r).wasmOverNative)}`);
    const worst = Math.max(...list.map((r) => ratios(r).wasmOverNative ?? 0));
    const met = list.length > 0 && missing.length === 0 && over.length === 0;
    const detail = list.length === 0 ? 'no such case was run' : [
      over.length ? `over: ${over.join('; ')}` : '',
      missing.length ? `not measurable: ${missing.join('; ')}` : '',
      met ? `worst ${fmtRatio(worst)}` : '',
    ].filter(Boolean).join('. ');
    out.push({ name, met, detail });
  };
  ratioTarget(`every micro case ≤ ${TARGETS.microRatio}× native`, micro, TARGETS.microRatio);

  {
    // A case where emnapi gave a wrong answer did less work than native and
    // napi-wasm (no copy back to JS), so its ratio is not counted here.
    const emnapiWrong = rows.filter((r) => r.results.emnapi?.status === 'wrong' && (ratios(r).emnapiOverNative ?? 0) > 10);
    const slow = rows.filter((r) => r.results.emnapi?.status !== 'wrong' && (ratios(r).emnapiOverNative ?? 0) > 10);
    const unmeasured = slow.filter((r) => ratios(r).emnapiOverWasm === undefined);
    const short = slow.filter((r) => (ratios(r).emnapiOverWasm ?? Infinity) < TARGETS.emnapiSpeedup);
    out.push({
      name: `≥ ${TARGETS.emnapiSpeedup}× faster than emnapi wherever emnapi is > 10× slower than native`,
      met: slow.length > 0 && short.length === 0 && unmeasured.length === 0,
      detail: slow.length === 0
        ? 'no case has emnapi > 10× native'
        : [
            `${slow.length} such case(s) (${slow.map((r) => r.label).join('; ')})`,
            short.length ? `short: ${short.map((r) => `${r.label} ${fmtRatio(ratios(r).emnapiOverWasm)}`).join('; ')}` : '',
            unmeasured.length ? `not measurable: ${unmeasured.map((r) => r.label).join('; ')}` : '',
            emnapiWrong.length ? `not counted (emnapi result wrong): ${emnapiWrong.map((r) => r.label).join('; ')}` : '',
          ].filter(Boolean).join('. '),
    });
  }

  ratioTarget(`compute-heavy real cases (${real.map((r) => r.label).join(', ') || 'none'}) ≤ ${TARGETS.realRatio}× native`, real, TARGETS.realRatio);

  {
    const s = result.startup?.['napi-wasm'];
    out.push({
      name: `bufferutil import-to-first-call < ${TARGETS.startupMs} ms`,
      met: s?.medianMs !== undefined && s.correct !== false && s.medianMs < TARGETS.startupMs,
      detail: s?.medianMs !== undefined ? `median ${s.medianMs.toFixed(2)} ms${s.correct === false ? ' (wrong result)' : ''}` : `not measurable: ${s?.error ?? 'no build'}`,
    });
  }
  {
    const s = result.sizes?.runtime?.['napi-wasm'];
    out.push({
      name: `runtime ≤ ${TARGETS.runtimeMinGzBytes / 1000} KB minified + gzipped`,
      met: s !== undefined && s.gzip <= TARGETS.runtimeMinGzBytes,
      detail: s ? `${s.gzip.toLocaleString('en-US')} B (${s.bytes.toLocaleString('en-US')} B minified)` : 'not measured',
    });
  }
  {
    const s = result.sizes?.wasm?.hello?.['napi-wasm'];
    out.push({
      name: `hello .wasm ≤ ${TARGETS.helloWasmBytes / 1000} KB (${result.addons?.hello ?? 'hello'})`,
      met: s !== undefined && s.bytes <= TARGETS.helloWasmBytes,
      detail: s
        ? `${s.bytes.toLocaleString('en-US')} B${result.sizes.wasm['hello-minimal']?.['napi-wasm'] ? `; one-function hello (bench/hello): ${result.sizes.wasm['hello-minimal']['napi-wasm'].bytes.toLocaleString('en-US')} B` : ''}`
        : 'not built',
    });
  }
  return out;
}

export function renderReport(result) {
  const lines = [];
  const env = result.environment;
  lines.push('## Environment', '');
  for (const [k, v] of Object.entries(env)) lines.push(`- ${k}: ${v}`);
  lines.push('');

  lines.push('## Time per call (median of mitata samples, ns/op; lower is better)', '');
  lines.push('| case | native | emnapi | napi-wasm | napi-wasm / native | emnapi / napi-wasm |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  let wrong = false;
  for (const row of result.cases) {
    const r = ratios(row);
    wrong ||= IMPLS.some((i) => row.results[i]?.status === 'wrong');
    lines.push(`| ${row.label} | ${IMPLS.map((i) => fmtNs(row.results[i])).join(' | ')} | ${fmtRatio(r.wasmOverNative)} | ${fmtRatio(r.emnapiOverWasm)} |`);
  }
  if (wrong) {
    lines.push('', '✗ = timed, but the result was wrong:');
    for (const row of result.cases) {
      for (const i of IMPLS) if (row.results[i]?.status === 'wrong') lines.push(`- ${row.label}, ${i}: ${row.results[i].note}`);
    }
  }
  lines.push('');

  lines.push('## Start-up: bufferutil, require() of the loader to the end of the first mask() call', '');
  lines.push(`Fresh \`node\` process per run; median of ${result.startup?.native?.runsMs?.length ?? '?'} runs. ✗ = the first call's result was wrong.`, '');
  lines.push('| | native | emnapi | napi-wasm |', '| --- | ---: | ---: | ---: |');
  lines.push(`| ms | ${IMPLS.map((i) => {
    const s = result.startup?.[i];
    if (s?.medianMs === undefined) return `n/a (${s?.error ?? 'no build'})`;
    return `${s.medianMs.toFixed(2)}${s.correct === false ? ' ✗' : ''}`;
  }).join(' | ')} |`, '');

  lines.push('## Size', '');
  lines.push('| | emnapi | napi-wasm |', '| --- | ---: | ---: |');
  for (const [addon, s] of Object.entries(result.sizes?.wasm ?? {})) {
    lines.push(`| ${addon}.wasm${result.addons?.[addon] ? ` (${result.addons[addon]})` : ''} | ${fmtBytes(s.emnapi)} | ${fmtBytes(s['napi-wasm'])} |`);
  }
  const rt = result.sizes?.runtime ?? {};
  lines.push(`| runtime JS, minified | ${fmtBytes(rt.emnapi?.total)} | ${fmtBytes(rt['napi-wasm'])} |`);
  lines.push('', 'emnapi runtime JS = @emnapi/core `emnapi-core.min.mjs` + @emnapi/runtime `emnapi.min.mjs` as published; napi-wasm = runtime/index.ts bundled with esbuild --minify.', '');

  lines.push('## Wasm memory (64 KiB pages)', '');
  lines.push('| addon | emnapi after init | napi-wasm after init | emnapi after run | napi-wasm after run |', '| --- | ---: | ---: | ---: | ---: |');
  for (const addon of Object.keys(result.memory?.['napi-wasm'] ?? result.memory?.emnapi ?? {})) {
    const e = result.memory?.emnapi?.[addon];
    const w = result.memory?.['napi-wasm']?.[addon];
    const p = (x) => (x === undefined ? '—' : String(x));
    lines.push(`| ${addon} | ${p(e?.pagesAfterInit)} | ${p(w?.pagesAfterInit)} | ${p(e?.pagesAfterRun)} | ${p(w?.pagesAfterRun)} |`);
  }
  const missing = result.memory?.['napi-wasm'];
  const missingNames = [...new Set(Object.values(missing ?? {}).flatMap((m) => m.missing ?? []))];
  if (missingNames.length) lines.push('', `Node-API functions the napi-wasm runtime did not provide: ${missingNames.join(', ')}.`);
  lines.push('');

  lines.push('## Targets (issue 8)', '');
  for (const t of result.targets ?? evaluateTargets(result)) lines.push(`- ${t.met ? '✅ met' : '❌ not met'} — ${t.name}: ${t.detail}`);
  lines.push('');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? path.join(resultsDir, 'latest.json');
  process.stdout.write(renderReport(JSON.parse(fs.readFileSync(file, 'utf8'))));
}
