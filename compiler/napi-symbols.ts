// The Node-API functions an addon may import, from npm `node-api-headers`:
// its per-version symbol lists, plus the experimental functions that only
// the headers declare.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { nodeApiHeadersDir, shimsDir } from './paths.js';

const require = createRequire(import.meta.url);

export interface NapiSymbolList {
  /** Version (1..10) → js_native_api and node_api function names added up to it. */
  byVersion: Map<number, { jsNativeApi: string[]; nodeApi: string[] }>;
  /** Every napi_* / node_api_* function the headers declare, experimental included. */
  declared: { name: string; header: string }[];
}

let cached: NapiSymbolList | undefined;

export function napiSymbols(): NapiSymbolList {
  if (cached) return cached;
  const raw = require('node-api-headers/symbols.js') as Record<string, { js_native_api_symbols: string[]; node_api_symbols: string[] }>;
  const byVersion = new Map<number, { jsNativeApi: string[]; nodeApi: string[] }>();
  for (const [key, v] of Object.entries(raw)) {
    byVersion.set(Number(key.slice(1)), { jsNativeApi: v.js_native_api_symbols, nodeApi: v.node_api_symbols });
  }
  const declared: NapiSymbolList['declared'] = [];
  const seen = new Set<string>();
  for (const header of fs.readdirSync(nodeApiHeadersDir).filter((f) => f.endsWith('.h'))) {
    const text = fs.readFileSync(path.join(nodeApiHeadersDir, header), 'utf8');
    // Declarations look like: NAPI_EXTERN napi_status NAPI_CDECL napi_foo(  — possibly across lines.
    for (const m of text.matchAll(/NAPI_EXTERN\s+[\w\s*]*?\b((?:napi|node_api)_\w+)\s*\(/g)) {
      if (!seen.has(m[1]!)) {
        seen.add(m[1]!);
        declared.push({ name: m[1]!, header });
      }
    }
  }
  cached = { byVersion, declared };
  return cached;
}

/**
 * Runtime imports beyond Node-API that napi-shims call (module "napi_wasm"):
 * the C names of the functions the shims declare as imports, either with
 * NAPI_WASM_IMPORT(...) or with import_module("napi_wasm").
 */
export function napiWasmShimImports(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(h|c|cc|cpp)$/.test(e.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:NAPI_WASM_IMPORT\(\w+\)|import_module\("napi_wasm"\)[^;]*?)[^;(]*?\b(napi_wasm_\w+)\s*\(/g)) names.add(m[1]!);
      }
    }
  };
  if (fs.existsSync(shimsDir)) walk(shimsDir);
  return [...names].sort();
}

/** Contents of wasm-ld's --allow-undefined-file: the only symbols that may stay undefined. */
export function allowedUndefinedSymbols(): string {
  return [...napiSymbols().declared.map((d) => d.name), ...napiWasmShimImports()].join('\n') + '\n';
}
