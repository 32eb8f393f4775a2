// Per-addon state (one napi_env per loaded wasm instance): the handle store,
// the last napi_status, the pending JS exception, the callback-info stack, the
// borrowed-buffer list, and the instance's exports the runtime calls.

import { HandleStore } from './handles.js';
import { Heap } from './memory.js';
import { PinState, type Borrow } from './memory-model.js';
import { ReferenceStore } from './references.js';
import { NapiStatus } from './status.js';

/** The napi_env value C receives. Any non-zero value works: each addon
 *  instance has its own imports, so the runtime never looks it up. */
export const ENV_POINTER = 1;

export interface EnvOptions {
  name: string;
  filename: string;
}

type WasmFn = (...args: number[]) => number;

export class Env {
  readonly name: string;
  readonly filename: string;
  readonly heap = new Heap();
  readonly handles = new HandleStore();
  readonly refs = new ReferenceStore();

  /** Set once the instance can no longer be called into (napi_fatal_error,
   *  or the host disposed of it): every call into it throws this. */
  dead: Error | undefined = undefined;

  lastStatus: number = NapiStatus.ok;
  hasPendingException = false;
  pendingException: unknown = undefined;

  // Callback-info stack: frame d (1-based id = napi_callback_info) holds
  // [first handle (this, then the arguments), argc, data] at 3*d, and its
  // new.target in cbNewTarget[d]. cbDepth is also the depth of native calls.
  cbDepth = 0;
  readonly cbInfo: number[] = [0, 0, 0];
  readonly cbNewTarget: unknown[] = [undefined];

  /** Buffers lent to C during the current outermost native call: the first
   *  borrowCount records of a pool (memory-model.ts). */
  readonly borrows: Borrow[] = [];
  borrowCount = 0;
  /** Scratch arena for borrows (memory-model.ts): address and bytes used. */
  scratchPtr = 0;
  scratchTop = 0;
  /** Blocks of the buffers the addon made (memory-model.ts). */
  readonly pins = new PinState();
  /** napi_set_instance_data: the data and its finalizer (run at teardown). */
  instanceData: { data: number; finalize: number; hint: number } | undefined = undefined;

  moduleApiVersion = 8;
  /** napi_extended_error_info in wasm memory (allocated on first use). */
  errorInfoPtr = 0;
  errorMessagePtrs: number[] = [];

  table: WebAssembly.Table | undefined = undefined;
  private mallocFn: WasmFn | undefined = undefined;
  private freeFn: WasmFn | undefined = undefined;

  constructor(options: EnvOptions) {
    this.name = options.name;
    this.filename = options.filename;
  }

  attach(memory: WebAssembly.Memory, table: WebAssembly.Table, malloc: WasmFn, free: WasmFn): void {
    this.heap.attach(memory);
    this.table = table;
    this.mallocFn = malloc;
    this.freeFn = free;
  }

  // ---- status --------------------------------------------------------------

  setStatus(status: number): number {
    this.lastStatus = status;
    return status;
  }

  /** napi_clear_last_error: records and returns napi_ok. */
  ok(): number {
    this.lastStatus = NapiStatus.ok;
    return NapiStatus.ok;
  }

  /**
   * NAPI_PREAMBLE for functions that may run JS: napi_pending_exception while
   * an exception is pending, else clears the last error and returns napi_ok.
   */
  preamble(): number {
    if (this.hasPendingException) return this.setStatus(NapiStatus.pending_exception);
    this.lastStatus = NapiStatus.ok;
    return NapiStatus.ok;
  }

  // ---- exceptions ------------------------------------------------------------

  setPendingException(error: unknown): void {
    this.hasPendingException = true;
    this.pendingException = error;
  }

  takePendingException(): unknown {
    const error = this.pendingException;
    this.hasPendingException = false;
    this.pendingException = undefined;
    return error;
  }

  /** Records a JS exception caught while a Node-API call ran JS. */
  caught(error: unknown, status: number = NapiStatus.pending_exception): number {
    this.setPendingException(error);
    return this.setStatus(status);
  }

  // ---- values ------------------------------------------------------------------

  value(handle: number): unknown {
    return this.handles.values[handle];
  }

  // ---- wasm heap ---------------------------------------------------------------

  malloc(size: number): number {
    return this.mallocFn!(size) >>> 0;
  }

  free(ptr: number): void {
    if (ptr !== 0) this.freeFn!(ptr);
  }

  /** The wasm function at `index` of the indirect function table. */
  tableFunction(index: number): WasmFn {
    const fn = this.table!.get(index) as WasmFn | null;
    if (typeof fn !== 'function') {
      throw new Error(`${this.name}: function pointer ${index} is not in the indirect function table`);
    }
    return fn;
  }
}
