// napi_external values: frozen, non-extensible objects with a null prototype
// (as Node's) that carry a wasm pointer. The map is realm-wide so that
// napi_typeof recognises an external whichever addon made it.

interface ExternalData {
  data: number;
  /** Finalizer stored for issue 3 (wasm function pointer and hint). */
  finalize: number;
  hint: number;
}

const externals = new WeakMap<object, ExternalData>();

export function createExternal(data: number, finalize: number, hint: number): object {
  const value = Object.freeze(Object.create(null) as object);
  externals.set(value, { data, finalize, hint });
  return value;
}

export function isExternal(value: object): boolean {
  return externals.has(value);
}

/** The pointer of an external, or undefined when `value` is not one. */
export function externalData(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? externals.get(value)?.data : undefined;
}
