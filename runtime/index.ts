// Public surface of the napi-wasm runtime. Filled in by runtime/*.ts.
export interface LoadOptions {
  /** Name used in error messages, usually the npm package and target, e.g. "bufferutil/bufferutil". */
  name?: string;
}
export function loadAddonSync(_source: WebAssembly.Module | BufferSource, _options?: LoadOptions): unknown {
  throw new Error('not implemented yet');
}
