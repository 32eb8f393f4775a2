// napi_external values: frozen, non-extensible objects with a null prototype
// (as Node's) that carry a wasm pointer. The slot is realm-wide so that
// napi_typeof recognises an external whichever addon made it. Finalizers are
// attached by the caller (finalizers.ts).

import { createSlot } from './slots.js';

const externals = createSlot<number>();

export function createExternal(data: number): object {
  const value = Object.create(null) as object;
  externals.set(value, data);
  return Object.freeze(value);
}

export function isExternal(value: object): boolean {
  return externals.get(value) !== undefined;
}

/** The pointer of an external, or undefined when `value` is not one. */
export function externalData(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? externals.get(value) : undefined;
}
