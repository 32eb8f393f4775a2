// A toolchain runs the clang driver for wasm32-wasi. Everything above this
// layer speaks in host paths; a toolchain that runs in a virtual file system
// maps them itself.

export type ToolchainKind = 'explicit' | 'system' | 'yowasp';

export interface ClangInvocation {
  driver: 'clang' | 'clang++';
  /** Driver arguments. Paths in them are absolute host paths. */
  args: string[];
  /** Files and folders the command reads (folders are read recursively). */
  inputs: string[];
  /** Files the command writes. */
  outputs: string[];
}

export interface ToolResult {
  ok: boolean;
  /** Diagnostics, with paths as the user knows them. */
  stderr: string;
}

export interface Toolchain {
  kind: ToolchainKind;
  /** "clang 19.1.7 (/usr/bin/clang-19)" and the like. */
  description: string;
  clangVersion: string;
  /** --target value that works with this toolchain's sysroot. */
  targetTriple: string;
  /** --sysroot when the toolchain needs one, else undefined. */
  sysroot: string | undefined;
  cxxSupported: boolean;
  /** How many commands may run at once. */
  parallelism: number;
  run(invocation: ClangInvocation): Promise<ToolResult>;
}

/** The command that installs the faster system toolchain on this OS. */
export function systemToolchainInstallHint(): string {
  if (process.platform === 'darwin') return 'brew install llvm lld wasi-libc wasi-runtimes';
  return 'apt-get install clang-19 lld-19 wasi-libc libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32';
}
