// napi_value handles and handle scopes.
//
// A napi_value is an index into `values`; 0 is NULL. Ids 1..5 are constants
// (undefined, null, false, true, globalThis) that never allocate. Other values
// get the next slot (a bump pointer, `top`). A scope is the `top` saved when
// it was opened; closing it clears the slots above (so the values can be
// collected) and resets `top`, and the slots are reused.
//
// napi_handle_scope ids are 1-based positions on the scope stack. An
// escapable scope reserves one slot just below its own range, in its parent's
// range, for the value napi_escape_handle lets out.

export const HANDLE_UNDEFINED = 1;
export const HANDLE_NULL = 2;
export const HANDLE_FALSE = 3;
export const HANDLE_TRUE = 4;
export const HANDLE_GLOBAL = 5;
const FIRST_DYNAMIC = 6;

const SCOPE_PLAIN = 0;
const SCOPE_ESCAPABLE = 1;
const SCOPE_ESCAPED = 2;

export class HandleStore {
  readonly values: unknown[];
  top = FIRST_DYNAMIC;
  /** Saved `top` of each open napi scope, innermost last. */
  private readonly scopeStart: number[] = [];
  private readonly scopeKind: number[] = [];
  scopeDepth = 0;

  constructor() {
    this.values = [undefined, undefined, null, false, true, globalThis];
    for (let i = this.values.length; i < 64; i++) this.values.push(undefined);
  }

  /** Handle for `value`, allocating a slot unless it is a constant. */
  push(value: unknown): number {
    if (value === undefined) return HANDLE_UNDEFINED;
    if (value === null) return HANDLE_NULL;
    if (value === true) return HANDLE_TRUE;
    if (value === false) return HANDLE_FALSE;
    const id = this.top++;
    this.values[id] = value;
    return id;
  }

  /** Clears the slots from `top` down to `to` and makes `to` the new top. */
  resetTo(to: number): void {
    const values = this.values;
    for (let i = to, end = this.top; i < end; i++) values[i] = undefined;
    this.top = to;
  }

  openScope(escapable: boolean): number {
    const d = this.scopeDepth;
    if (escapable) this.values[this.top++] = undefined; // the escape slot
    this.scopeStart[d] = this.top;
    this.scopeKind[d] = escapable ? SCOPE_ESCAPABLE : SCOPE_PLAIN;
    this.scopeDepth = d + 1;
    return d + 1;
  }

  /** False when `id` is not the innermost open scope. */
  closeScope(id: number): boolean {
    if (id !== this.scopeDepth || id === 0) return false;
    this.scopeDepth = id - 1;
    this.resetTo(this.scopeStart[id - 1]!);
    return true;
  }

  isOpenScope(id: number): boolean {
    return id > 0 && id <= this.scopeDepth;
  }

  isEscapable(id: number): boolean {
    return this.scopeKind[id - 1] !== SCOPE_PLAIN;
  }

  /** The parent-range handle now holding `value`, or 0 if already escaped. */
  escape(id: number, value: unknown): number {
    const d = id - 1;
    if (this.scopeKind[d] === SCOPE_ESCAPED) return 0;
    this.scopeKind[d] = SCOPE_ESCAPED;
    const slot = this.scopeStart[d]! - 1;
    this.values[slot] = value;
    return slot;
  }
}
