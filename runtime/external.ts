// napi_external values: frozen, non-extensible objects with a null prototype
// (as Node's) that carry a wasm pointer. The map is realm-wide so that
// napi_typeof recognises an external whichever addon made it. Finalizers are
// attached by the caller (finalizers.ts).

const externals = new WeakMap<object, number>();

export function createExternal(data: number): object {
  const value = Object.freeze(Object.create(null) as object);
  externals.set(value, data);
  return value;
}

export function isExternal(value: object): boolean {
  return externals.has(value);
}

/** The pointer of an external, or undefined when `value` is not one. */
export function externalData(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? externals.get(value) : undefined;
}
