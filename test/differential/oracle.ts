// Differential testing: run the same scenario against the native build
// (node-gyp, the oracle) and the Wasm build of one C source, and compare.
import { loadNative } from '../helpers/native.js';
import { buildWasm } from '../helpers/wasm.js';

/** What a call did, in a form both builds can be compared by. */
export type Outcome = { value: unknown } | { threw: { name: string; message: string; code?: unknown } };

export function observe(fn: () => unknown): Outcome {
  try {
    return { value: snapshot(fn()) };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: unknown };
    return { threw: { name: String(e?.name), message: String(e?.message), ...(e?.code !== undefined ? { code: e.code } : {}) } };
  }
}

/** observe for a scenario that awaits (collections, promises). */
export async function observeAsync(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { value: snapshot(await fn()) };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: unknown };
    return { threw: { name: String(e?.name), message: String(e?.message), ...(e?.code !== undefined ? { code: e.code } : {}) } };
  }
}

/** Values as data: typed arrays as arrays, functions by name and length. */
function snapshot(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `function ${v.name}/${v.length}`;
  if (typeof v === 'symbol') return `symbol ${v.description}`;
  if (v instanceof Error) {
    const code = (v as { code?: unknown }).code;
    return { error: v.name, message: v.message, ...(code !== undefined ? { code } : {}) };
  }
  if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(snapshot);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, snapshot(x)]));
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return v;
}

export async function loadBoth<T>(fixtureDir: string, target: string): Promise<{ native: T; wasm: T }> {
  const wasm = (await buildWasm(fixtureDir)).load(target) as T;
  const native = loadNative(fixtureDir, target) as T;
  return { native, wasm };
}
