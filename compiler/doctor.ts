// `napi-wasm doctor`: which toolchain a build would use, and what else is there.
import { discover } from './toolchain/discover.js';
import { systemToolchainInstallHint, type ToolchainKind } from './toolchain/types.js';
import { NapiWasmError } from './errors.js';

export interface DoctorReport {
  ok: boolean;
  toolchain?: { kind: ToolchainKind; description: string; clangVersion: string; targetTriple: string; sysroot: string | null; cxx: boolean };
  error?: string;
  rejected: { clang: string; reason: string }[];
  /** Installs the faster system toolchain. */
  installSystemToolchain: string;
}

export async function doctor(options: { toolchain?: string | undefined }): Promise<DoctorReport> {
  const installSystemToolchain = systemToolchainInstallHint();
  try {
    const { toolchain: t, rejected } = await discover({ toolchain: options.toolchain });
    return {
      ok: true,
      toolchain: { kind: t.kind, description: t.description, clangVersion: t.clangVersion, targetTriple: t.targetTriple, sysroot: t.sysroot ?? null, cxx: t.cxxSupported },
      rejected,
      installSystemToolchain,
    };
  } catch (err) {
    if (!(err instanceof NapiWasmError)) throw err;
    return { ok: false, error: `${err.message}. ${err.hint}`, rejected: [], installSystemToolchain };
  }
}

export function formatDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  if (r.toolchain) {
    const t = r.toolchain;
    lines.push(`toolchain:  ${t.kind}`, `clang:      ${t.description}`, `target:     ${t.targetTriple}`, `sysroot:    ${t.sysroot ?? '(built in)'}`, `C++:        ${t.cxx ? 'works' : 'does not work (no wasm32 libc++)'}`);
  } else {
    lines.push(`toolchain:  none usable`, `error:      ${r.error}`);
  }
  for (const x of r.rejected) lines.push(`skipped:    ${x.clang}: ${x.reason}`);
  if (r.toolchain?.kind !== 'system' && r.toolchain?.kind !== 'explicit') lines.push(`faster:     ${r.installSystemToolchain}`);
  else lines.push(`install:    ${r.installSystemToolchain}`);
  return `${lines.join('\n')}\n`;
}
