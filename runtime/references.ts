// napi_ref store. A napi_ref is a 1-based index into `entries`; freed ids are
// reused. As in Node, a reference whose count is above 0 holds its value
// strongly; at 0 it holds an object, function or symbol weakly (a WeakRef,
// which the engine clears when the value is collected) and any other value
// not at all: its value is then gone, as a collected object's is. A global
// symbol (Symbol.for), which can never be collected, stays held.

import type { Finalizer } from './finalizers.js';

/** ReferenceStore.value of a reference whose value is gone. */
export const GONE: unique symbol = Symbol('gone');

export interface Reference {
  strong: unknown;
  weak: WeakRef<object> | undefined;
  /** Nothing is held any more (collected, or a primitive at count 0). */
  gone: boolean;
  refcount: number;
  /** The finalizer this reference owns (napi_wrap or napi_add_finalizer
   *  with a result; see finalizers.ts): deleting the reference cancels it. */
  finalizer: Finalizer | undefined;
}

/** Values Node can hold weakly: objects, functions and symbols. */
export function canBeWeak(value: unknown): boolean {
  return (typeof value === 'object' && value !== null) || typeof value === 'function' || typeof value === 'symbol';
}

function setWeak(ref: Reference): void {
  const value = ref.strong;
  if (!canBeWeak(value)) {
    ref.strong = undefined;
    ref.gone = true;
    return;
  }
  if (typeof WeakRef !== 'function') return; // hold it: never collected
  try {
    ref.weak = new WeakRef(value as object);
    ref.strong = undefined;
  } catch {
    // A registered symbol cannot be held weakly; it is never collected anyway.
  }
}

export class ReferenceStore {
  private readonly entries: (Reference | undefined)[] = [undefined];
  private readonly freeIds: number[] = [];

  /** Records of deleted references, reused (a reference made and deleted in
   *  one call, a common pattern, then allocates nothing). */
  private readonly spare: Reference[] = [];

  create(value: unknown, refcount: number, finalizer?: Finalizer): number {
    let ref = this.spare.pop();
    if (ref === undefined) ref = { strong: value, weak: undefined, gone: false, refcount, finalizer };
    else {
      ref.strong = value;
      ref.refcount = refcount;
      ref.finalizer = finalizer;
    }
    if (refcount === 0) setWeak(ref);
    const id = this.freeIds.pop() ?? this.entries.length;
    this.entries[id] = ref;
    return id;
  }

  get(id: number): Reference | undefined {
    return this.entries[id];
  }

  /** The referenced value, or GONE. */
  value(id: number): unknown {
    const ref = this.entries[id];
    if (ref === undefined || ref.gone) return GONE;
    if (ref.weak === undefined) return ref.strong;
    const value = ref.weak.deref();
    if (value !== undefined) return value;
    ref.gone = true;
    ref.weak = undefined;
    return GONE;
  }

  /** napi_reference_ref: the new count, or 0 (unchanged) once the value is gone. */
  ref(id: number): number {
    const ref = this.entries[id]!;
    if (ref.refcount === 0) {
      const value = this.value(id);
      if (value === GONE) return 0;
      ref.strong = value;
      ref.weak = undefined;
    }
    return ++ref.refcount;
  }

  /** napi_reference_unref of a count above 0: the new count (0 once gone). */
  unref(id: number): number {
    const ref = this.entries[id]!;
    if (ref.gone) return 0;
    if (--ref.refcount === 0) setWeak(ref);
    return ref.refcount;
  }

  delete(id: number): void {
    const ref = this.entries[id];
    if (ref === undefined) return;
    this.entries[id] = undefined;
    this.freeIds.push(id);
    ref.strong = undefined;
    ref.weak = undefined;
    ref.gone = false;
    ref.finalizer = undefined;
    this.spare.push(ref);
  }
}
