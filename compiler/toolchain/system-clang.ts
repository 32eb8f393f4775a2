// A clang binary on this machine (system LLVM, Homebrew, wasi-sdk, or one
// named by --toolchain / NAPI_WASM_CLANG / WASI_SDK_PATH).
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { ClangInvocation, Toolchain, ToolchainKind, ToolResult } from './types.js';

export interface SystemClangSetup {
  kind: ToolchainKind;
  clang: string;
  /** clang++ next to clang; clang with --driver-mode=g++ when absent. */
  clangxx: string | undefined;
  version: string;
  targetTriple: string;
  sysroot: string | undefined;
  cxxSupported: boolean;
}

export function runProcess(command: string, args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ code: -1, stdout, stderr: stderr + String(err.message) }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function systemClang(setup: SystemClangSetup): Toolchain {
  return {
    kind: setup.kind,
    description: `clang ${setup.version} (${setup.clang})`,
    clangVersion: setup.version,
    targetTriple: setup.targetTriple,
    sysroot: setup.sysroot,
    cxxSupported: setup.cxxSupported,
    parallelism: Math.max(1, os.availableParallelism()),
    async run(inv: ClangInvocation): Promise<ToolResult> {
      const [command, modeArgs] =
        inv.driver === 'clang++' ? (setup.clangxx ? [setup.clangxx, []] : [setup.clang, ['--driver-mode=g++']]) : [setup.clang, []];
      const { code, stderr } = await runProcess(command, [...modeArgs, ...inv.args]);
      return { ok: code === 0, stderr };
    },
  };
}
