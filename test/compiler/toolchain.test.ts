// Toolchain discovery, for every kind present on this machine.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../../compiler/toolchain/discover.js';
import { NapiWasmError } from '../../compiler/errors.js';
import { runCli } from '../helpers/cli.js';

const debianClang = '/usr/bin/clang-19';
const hasSystemClang = fs.existsSync(debianClang) && fs.existsSync('/usr/lib/wasm32-wasi/libc.a');

describe('toolchain discovery', () => {
  it.runIf(hasSystemClang)('finds the system clang with its wasm32-wasi sysroot', async () => {
    const { toolchain } = await discover({ env: {} });
    expect(toolchain.kind).toBe('system');
    expect(toolchain.clangVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(toolchain.clangVersion.split('.')[0])).toBeGreaterThanOrEqual(17);
    expect(toolchain.cxxSupported).toBe(true);
  });

  it.runIf(hasSystemClang)('takes an explicit clang from --toolchain or NAPI_WASM_CLANG', async () => {
    const fromFlag = await discover({ toolchain: debianClang });
    expect(fromFlag.toolchain.kind).toBe('explicit');
    const fromEnv = await discover({ env: { NAPI_WASM_CLANG: debianClang } });
    expect(fromEnv.toolchain.description).toContain(debianClang);
  });

  it('uses the embedded @yowasp/clang when asked', async () => {
    const { toolchain } = await discover({ toolchain: 'yowasp' });
    expect(toolchain.kind).toBe('yowasp');
    expect(toolchain.cxxSupported).toBe(true);
  });

  it('rejects an explicit toolchain that cannot build wasm, with the install command', async () => {
    const err = await discover({ toolchain: '/nonexistent/clang' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NapiWasmError);
    expect((err as NapiWasmError).code).toBe('NO_TOOLCHAIN');
    expect((err as NapiWasmError).hint).toMatch(/apt-get install clang-19|brew install/);
  });

  it('doctor prints kind, version, sysroot, C++ and the install command', () => {
    const r = runCli(['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^toolchain: +(system|yowasp|explicit)$/m);
    expect(r.stdout).toMatch(/^clang: /m);
    expect(r.stdout).toMatch(/^sysroot: /m);
    expect(r.stdout).toMatch(/^C\+\+: +works$/m);
    expect(r.stdout).toMatch(/apt-get install clang-19 lld-19 wasi-libc/);
    const json = JSON.parse(runCli(['doctor', '--json', '--toolchain', 'yowasp']).stdout) as { ok: boolean; toolchain: { kind: string } };
    expect(json).toMatchObject({ ok: true, toolchain: { kind: 'yowasp' } });
  });
});
