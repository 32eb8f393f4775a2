// napi_ref store. This slice only needs it for the reference napi_wrap can
// return; the napi_*_reference functions and running finalizers come with
// the lifetime work (issue 3). A napi_ref is a 1-based index into `entries`;
// freed ids are reused. A reference with refcount 0 holds an object only
// weakly (WeakRef, where the engine has it), so wrapped objects can die.

const HAS_WEAK_REF = typeof WeakRef === 'function';

export interface Reference {
  /** The value while strongly held. */
  strong: unknown;
  weak: WeakRef<object> | undefined;
  refcount: number;
  /** Finalizer stored for issue 3: wasm function pointer, data, hint. */
  finalize: number;
  data: number;
  hint: number;
}

function canBeWeak(value: unknown): value is object {
  return HAS_WEAK_REF && ((typeof value === 'object' && value !== null) || typeof value === 'function');
}

export class ReferenceStore {
  private readonly entries: (Reference | undefined)[] = [undefined];
  private readonly freeIds: number[] = [];

  create(value: unknown, refcount: number, finalize = 0, data = 0, hint = 0): number {
    const weak = refcount === 0 && canBeWeak(value);
    const ref: Reference = {
      strong: weak ? undefined : value,
      weak: weak ? new WeakRef(value) : undefined,
      refcount,
      finalize,
      data,
      hint,
    };
    const id = this.freeIds.pop() ?? this.entries.length;
    this.entries[id] = ref;
    return id;
  }

  get(id: number): Reference | undefined {
    return this.entries[id];
  }

  /** The referenced value; undefined once a weakly held object is gone. */
  value(id: number): unknown {
    const ref = this.entries[id];
    if (ref === undefined) return undefined;
    return ref.weak !== undefined ? ref.weak.deref() : ref.strong;
  }

  delete(id: number): void {
    if (this.entries[id] === undefined) return;
    this.entries[id] = undefined;
    this.freeIds.push(id);
  }
}
