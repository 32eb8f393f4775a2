// Stage 3: compile every unit to an object file, as many at once as the
// toolchain allows. The first failure stops the build with the compiler's
// own diagnostic, located at the file and line.
import fs from 'node:fs';
import path from 'node:path';
import { NapiWasmError } from './errors.js';
import type { Logger } from './log.js';
import type { CompileUnit } from './plan.js';
import type { Toolchain } from './toolchain/types.js';

export async function compileUnits(units: CompileUnit[], toolchain: Toolchain, packageName: string, log: Logger, addonDir: string): Promise<void> {
  let next = 0;
  let failure: NapiWasmError | undefined;
  const worker = async () => {
    while (next < units.length && !failure) {
      const unit = units[next++]!;
      log.info(`compile ${path.relative(addonDir, unit.source)}`);
      fs.mkdirSync(path.dirname(unit.object), { recursive: true });
      const args = [...unit.flags, '-c', unit.source, '-o', unit.object];
      log.verbose(`${unit.language === 'c' ? 'clang' : 'clang++'} ${args.join(' ')}`);
      const result = await toolchain.run({ driver: unit.language === 'c' ? 'clang' : 'clang++', args, inputs: unit.inputs, outputs: [unit.object] });
      if (result.stderr.trim()) log.verbose(result.stderr.trim());
      if (!result.ok) failure ??= compileFailure(unit, result.stderr, packageName);
    }
  };
  await Promise.all(Array.from({ length: Math.min(toolchain.parallelism, units.length) }, worker));
  if (failure) throw failure;
}

function compileFailure(unit: CompileUnit, stderr: string, packageName: string): NapiWasmError {
  // clang: "/abs/src/x.c:12:5: error: use of undeclared identifier 'y'"
  const m = /^(.+?):(\d+):\d+: (?:fatal )?error: (.*)$/m.exec(stderr);
  const file = m ? m[1]! : unit.source;
  const line = m ? Number(m[2]) : undefined;
  const what = m ? m[3]! : stderr.trim().split('\n').pop() ?? 'the compiler failed';
  const missingHeader = /'(.+)' file not found/.exec(what);
  const hint = missingHeader
    ? /^(v8|node|nan|uv)\.h$|^node_/.test(missingHeader[1]!)
      ? `The addon uses Node's internal C++ API (${missingHeader[1]}), which only exists inside Node itself. Only Node-API addons can be compiled to wasm.`
      : 'The header is not in the package or its include_dirs. If it comes from a system library, that library needs a wasm32 build of its own.'
    : 'Fix the source, or report it to the package\'s authors if it builds natively with node-gyp. The full compiler output is shown with --verbose.';
  return new NapiWasmError('COMPILE_FAILED', `compile error: ${what}`, {
    location: { packageName, file, ...(line ? { line } : {}) },
    hint,
    details: stderr,
  });
}
