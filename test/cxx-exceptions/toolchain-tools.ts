// nm and objdump for both toolchains, for the link and instruction checks.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface NmSymbol {
  member: string; // archive member (or object file) that defines/uses it
  type: string; // nm letter: T D B R W V = defined global, U = undefined, lower case = local
  name: string;
}

// "lib.a:member.o: 0000001c T name", "file.o: 0000001c T name", "lib.a:m.o:          U name"
const NM_LINE = /^(?:[^:]*:)?([^:]+): +(?:[0-9a-f]+ )?([A-Za-z]) (\S+)$/;

export function parseNm(text: string): NmSymbol[] {
  const symbols: NmSymbol[] = [];
  for (const line of text.split('\n')) {
    const m = NM_LINE.exec(line.trim());
    if (m) symbols.push({ member: m[1]!, type: m[2]!, name: m[3]! });
  }
  return symbols;
}

export const isGlobalDefinition = (s: NmSymbol) => /^[TDBRWV]$/.test(s.type);
export const isWeak = (s: NmSymbol) => s.type === 'W' || s.type === 'V';

async function yowasp(args: string[], files: Record<string, Uint8Array> = {}): Promise<string> {
  const { runLLVM } = await import('@yowasp/clang');
  let out = '';
  const decoder = new TextDecoder();
  await runLLVM(args, { src: files }, {
    stdout: (bytes: Uint8Array | null) => {
      if (bytes) out += decoder.decode(bytes, { stream: true });
    },
    stderr: null,
  });
  return out;
}

export async function nmClang19(files: string[]): Promise<NmSymbol[]> {
  const { stdout } = await run('llvm-nm-19', ['-A', ...files], { maxBuffer: 64 * 1024 * 1024 });
  return parseNm(stdout);
}

/** nm inside @yowasp/clang's virtual file system (its sysroot is /usr). */
export async function nmYowasp(paths: string[]): Promise<NmSymbol[]> {
  return parseNm(await yowasp(['nm', '-A', ...paths]));
}

/** Disassembly of a linked module, by @yowasp/clang's LLVM 22 objdump, which
 *  knows both the legacy and the exnref exception instructions. */
export async function disassemble(wasm: Uint8Array): Promise<string> {
  return yowasp(['objdump', '-d', '/src/module.wasm'], { 'module.wasm': wasm });
}

/** How often each exception-handling mnemonic occurs in a disassembly. */
export function countEhInstructions(disassembly: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const names = ['try', 'catch', 'catch_all', 'rethrow', 'delegate', 'throw', 'try_table', 'throw_ref'];
  for (const name of names) counts[name] = 0;
  for (const line of disassembly.split('\n')) {
    // "      16: 06 40        	try     	" -> mnemonic after the bytes
    const m = /^\s*[0-9a-f]+:(?:\s[0-9a-f]{2})+\s+([a-z_.0-9]+)/.exec(line);
    if (m && m[1]! in counts) counts[m[1]!]! += 1;
  }
  return counts;
}
