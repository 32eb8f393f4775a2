// napi-shims/malloc replaces wasi-libc's dlmalloc in every addon. A
// randomised program checks it: every live block carries a pattern derived
// from its slot, so any overlap, lost realloc contents, misalignment or dirty
// calloc shows up. It runs on a minimal WASI host of our own (node:wasi
// sometimes crashes Node at exit after a large memory.grow).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverToolchain } from '../../compiler/toolchain/discover.js';
import { fixturesDir, freshDir, repoRoot } from '../helpers/paths.js';

function runCommand(wasm: Uint8Array): { stdout: string; code: number } {
  let stdout = '';
  let memory!: WebAssembly.Memory;
  class Exit extends Error {
    constructor(readonly code: number) {
      super(`exit ${code}`);
    }
  }
  const wasi = {
    fd_write(fd: number, iovs: number, count: number, written: number) {
      const view = new DataView(memory.buffer);
      let total = 0;
      for (let i = 0; i < count; i++) {
        const ptr = view.getUint32(iovs + i * 8, true);
        const len = view.getUint32(iovs + i * 8 + 4, true);
        if (fd === 1) stdout += new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len));
        total += len;
      }
      view.setUint32(written, total, true);
      return 0;
    },
    proc_exit(code: number) {
      throw new Exit(code);
    },
  };
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const imports: Record<string, Record<string, unknown>> = { wasi_snapshot_preview1: {} };
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module]![imp.name] = (wasi as Record<string, unknown>)[imp.name] ?? (() => 52);
  }
  const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
  memory = instance.exports.memory as WebAssembly.Memory;
  try {
    (instance.exports._start as () => void)();
    return { stdout, code: 0 };
  } catch (e) {
    if (e instanceof Exit) return { stdout, code: e.code };
    throw e;
  }
}

describe('napi-shims/malloc', () => {
  it('survives 300,000 random malloc/realloc/calloc/aligned_alloc/free operations with every block intact', async () => {
    const toolchain = await discoverToolchain();
    const out = path.join(freshDir('malloc'), 'stress.wasm');
    const r = await toolchain.run({
      driver: 'clang',
      args: [`--target=${toolchain.targetTriple}`, ...(toolchain.sysroot ? [`--sysroot=${toolchain.sysroot}`] : []), '-O2', path.join(fixturesDir, 'shims', 'malloc-stress.c'), path.join(repoRoot, 'napi-shims', 'malloc', 'malloc.c'), '-o', out],
      inputs: [path.join(fixturesDir, 'shims'), path.join(repoRoot, 'napi-shims', 'malloc')],
      outputs: [out],
    });
    expect(r.ok, r.stderr).toBe(true);
    const { stdout, code } = runCommand(fs.readFileSync(out));
    expect(stdout).toBe('ok big\n');
    expect(code).toBe(0);
  });
});
