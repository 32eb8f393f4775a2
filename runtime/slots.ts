// Data the runtime attaches to JS objects it does not own (a wrap's native
// pointer, a type tag, an external's pointer, an ArrayBuffer's pinned block):
// a private field added through a constructor that returns the object (the
// "return override"), as Node keeps them in private symbols. Unlike a
// WeakMap entry it costs a few nanoseconds, adds no work to the garbage
// collector, and is invisible to reflection. Where an engine refuses the
// field (a future one may, on a non-extensible object) a WeakMap takes over.

class ReturnsItsArgument {
  constructor(o: object) {
    return o;
  }
}

export interface Slot<T> {
  get(o: object): T | undefined;
  set(o: object, value: T | undefined): void;
}

/** A new kind of slot (one private name), realm-wide. */
export function createSlot<T>(): Slot<T> {
  const fallback = new WeakMap<object, T | undefined>();
  let fallbackUsed = false;
  return class Stamp extends ReturnsItsArgument {
    #value: T | undefined;

    constructor(o: object, value: T | undefined) {
      super(o);
      this.#value = value;
    }

    static get(o: object): T | undefined {
      if (#value in o) return (o as Stamp).#value;
      return fallbackUsed ? fallback.get(o) : undefined;
    }

    static set(o: object, value: T | undefined): void {
      if (#value in o) (o as Stamp).#value = value;
      else if (fallbackUsed && fallback.has(o)) fallback.set(o, value);
      else {
        try {
          new Stamp(o, value);
        } catch {
          fallbackUsed = true;
          fallback.set(o, value);
        }
      }
    }
  };
}
