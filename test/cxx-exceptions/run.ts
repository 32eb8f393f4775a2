// Runs a WASI command module built by build.ts under node:wasi, capturing
// stdout/stderr, and plays the host's part of the exception runtime:
//  - napi_wasm.terminate(message) records the message and returns (the
//    module then traps), or throws, as the JS runtime may choose;
//  - a C++ exception escaping _start (a WebAssembly.Exception with the
//    exported __cpp_exception tag) goes to __napi_wasm_cxx_uncaught, which
//    is std::terminate with that exception, as natively.
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';
import { repoRoot } from './build.js';

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** What the module passed to napi_wasm.terminate, if it was called. */
  terminateMessage: string | null;
  /** A C++ exception left _start. */
  escapedCxxException: boolean;
  /** Whatever finally came out of the module, if it did not exit. */
  error: Error | null;
}

export interface RunOptions {
  args?: string[];
  terminateImport?: 'return' | 'throw';
}

// The exception-handling JS API (WebAssembly.Tag / WebAssembly.Exception)
// is in Node 20 but not in TypeScript's lib yet.
interface WasmTag {}
interface WasmException {
  is(tag: WasmTag): boolean;
  getArg(tag: WasmTag, index: number): unknown;
}
const WasmExceptionClass = (WebAssembly as unknown as { Exception: abstract new () => WasmException }).Exception;

interface ProgramExports {
  memory: WebAssembly.Memory;
  _start: () => void;
  __cpp_exception?: WasmTag;
  __napi_wasm_cxx_uncaught?: (exception: number) => void;
}

export async function runWasiProgram(wasm: Uint8Array, options: RunOptions = {}): Promise<RunResult> {
  const scratch = path.join(repoRoot, '.cache', 'test', 'cxx-exceptions', 'tmp');
  fs.mkdirSync(scratch, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratch, 'run-'));
  const outPath = path.join(dir, 'stdout');
  const errPath = path.join(dir, 'stderr');
  const outFd = fs.openSync(outPath, 'w+');
  const errFd = fs.openSync(errPath, 'w+');
  let terminateMessage: string | null = null;
  let escapedCxxException = false;
  let exitCode: number | null = null;
  let error: Error | null = null;
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['program', ...(options.args ?? [])],
      env: {},
      stdout: outFd,
      stderr: errFd,
      returnOnExit: true,
    });
    let exports!: ProgramExports;
    const readCString = (ptr: number) => {
      const bytes = new Uint8Array(exports.memory.buffer);
      let end = ptr;
      while (bytes[end] !== 0) end++;
      return Buffer.from(bytes.subarray(ptr, end)).toString('utf8');
    };
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(module, {
      wasi_snapshot_preview1: wasi.wasiImport,
      napi_wasm: {
        terminate(message: number) {
          terminateMessage = readCString(message);
          if (options.terminateImport === 'throw') throw new Error(`std::terminate reached: ${terminateMessage}`);
        },
      },
    });
    exports = instance.exports as unknown as ProgramExports;
    // node:wasi only needs `exports`; wrapping _start keeps its proc_exit
    // handling active while the uncaught hook runs.
    const guarded = {
      exports: {
        memory: exports.memory,
        _start() {
          try {
            exports._start();
          } catch (e) {
            const tag = exports.__cpp_exception;
            if (tag && e instanceof WasmExceptionClass && e.is(tag)) {
              escapedCxxException = true;
              exports.__napi_wasm_cxx_uncaught!(e.getArg(tag, 0) as number);
            }
            throw e;
          }
        },
      },
    };
    try {
      exitCode = wasi.start(guarded as unknown as WebAssembly.Instance);
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
    }
  } finally {
    fs.closeSync(outFd);
    fs.closeSync(errFd);
  }
  const result: RunResult = {
    exitCode,
    stdout: fs.readFileSync(outPath, 'utf8'),
    stderr: fs.readFileSync(errPath, 'utf8'),
    terminateMessage,
    escapedCxxException,
    error,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}
