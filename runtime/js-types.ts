// Brand checks on JS values that do not trust prototypes (a Proxy or an
// object with a spoofed prototype must not pass), and the typed-array table
// indexed by napi_typedarray_type.

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

export interface TypedArrayKind {
  readonly name: string;
  /** undefined when this engine lacks the type (Float16Array). */
  readonly ctor: TypedArrayConstructor | undefined;
  readonly elementSize: number;
}

const g = globalThis as unknown as Record<string, TypedArrayConstructor | undefined>;

function kind(name: string, elementSize: number): TypedArrayKind {
  return { name, ctor: g[name], elementSize };
}

/** Index = napi_typedarray_type. */
export const TYPED_ARRAY_KINDS: readonly TypedArrayKind[] = [
  kind('Int8Array', 1),
  kind('Uint8Array', 1),
  kind('Uint8ClampedArray', 1),
  kind('Int16Array', 2),
  kind('Uint16Array', 2),
  kind('Int32Array', 4),
  kind('Uint32Array', 4),
  kind('Float32Array', 4),
  kind('Float64Array', 8),
  kind('BigInt64Array', 8),
  kind('BigUint64Array', 8),
  kind('Float16Array', 2),
];

const KIND_BY_NAME: Record<string, number> = Object.create(null);
TYPED_ARRAY_KINDS.forEach((k, i) => (KIND_BY_NAME[k.name] = i));

// %TypedArray%.prototype[@@toStringTag] returns the intrinsic type name of a
// typed array (also for subclasses such as Buffer) and undefined otherwise.
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag,
)!.get as (this: unknown) => string | undefined;

/** napi_typedarray_type of `value`, or -1 if it is not a typed array. */
export function typedArrayKind(value: unknown): number {
  const name = typedArrayTag.call(value);
  return name === undefined ? -1 : KIND_BY_NAME[name]!;
}

export function isTypedArray(value: unknown): value is ArrayBufferView & { length: number } {
  return typedArrayTag.call(value) !== undefined;
}

export function isDataView(value: unknown): value is DataView {
  return ArrayBuffer.isView(value) && typedArrayTag.call(value) === undefined;
}

export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  return ArrayBuffer.isView(value);
}

const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/** True for an ArrayBuffer (not a SharedArrayBuffer), as V8's IsArrayBuffer. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  if (typeof value !== 'object' || value === null) return false;
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

const errorIsError = (Error as unknown as { isError?: (v: unknown) => boolean }).isError;
const objectToString = Object.prototype.toString;

/** V8's IsNativeError: made by an Error constructor (not a Proxy of one). */
export function isNativeError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (errorIsError !== undefined) return errorIsError(value);
  return objectToString.call(value) === '[object Error]';
}

interface NodeUtilTypes {
  isPromise(v: unknown): boolean;
  isProxy(v: unknown): boolean;
}

/** Node's util.types where the host has it (process.getBuiltinModule, Node
 *  >= 20.16): the engine's own brand checks, which JS cannot express for a
 *  Promise or a Proxy. */
const nodeTypes: NodeUtilTypes | undefined = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof p?.getBuiltinModule !== 'function') return undefined;
  const types = (p.getBuiltinModule('util') as { types?: NodeUtilTypes } | undefined)?.types;
  return typeof types?.isProxy === 'function' ? types : undefined;
})();

/** A Proxy (known only where the host tells: Node). */
export function isProxy(value: unknown): boolean {
  return nodeTypes !== undefined && nodeTypes.isProxy(value);
}

/** V8's IsArray: an Array, not a Proxy of one (Array.isArray sees through). */
export function isArray(value: unknown): boolean {
  return Array.isArray(value) && !isProxy(value);
}

const dateValueOf = Date.prototype.valueOf;

/** Has a [[DateValue]] (a Date or subclass; a Proxy of one does not). */
export function isDate(value: unknown): value is Date {
  if (typeof value !== 'object' || value === null) return false;
  try {
    dateValueOf.call(value);
    return true;
  } catch {
    return false;
  }
}

/** V8's IsPromise. Without the host's check, by the Promise tag (which an
 *  object inheriting from Promise.prototype, or a Proxy of a promise, also has). */
export function isPromise(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return nodeTypes !== undefined ? nodeTypes.isPromise(value) : objectToString.call(value) === '[object Promise]';
}
