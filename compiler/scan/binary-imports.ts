// Reads the symbols a prebuilt .node file imports, from its ELF, Mach-O or PE
// headers, so a package that ships only binaries can still be classified:
// napi_* imports mean Node-API, v8:: imports mean the V8 C++ API.

export type BinaryFormat = 'elf' | 'macho' | 'pe' | 'unknown';

export interface BinaryImports {
  format: BinaryFormat;
  symbols: string[];
}

export function readImportedSymbols(data: Uint8Array): BinaryImports {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  try {
    if (data.length > 16 && data[0] === 0x7f && data[1] === 0x45 && data[2] === 0x4c && data[3] === 0x46) return { format: 'elf', symbols: elfImports(data, view) };
    if (data.length > 32) {
      const magicLE = view.getUint32(0, true);
      const magicBE = view.getUint32(0, false);
      if (magicLE === 0xfeedfacf || magicLE === 0xfeedface) return { format: 'macho', symbols: machoImports(data, view, 0) };
      if (magicBE === 0xcafebabe) return { format: 'macho', symbols: fatMachoImports(data, view) };
    }
    if (data.length > 64 && data[0] === 0x4d && data[1] === 0x5a) return { format: 'pe', symbols: peImports(data, view) };
  } catch {
    // A truncated or unusual binary: report what format it looked like, no symbols.
  }
  return { format: 'unknown', symbols: [] };
}

function cString(data: Uint8Array, offset: number): string {
  let end = offset;
  while (end < data.length && data[end] !== 0) end++;
  return new TextDecoder().decode(data.subarray(offset, end));
}

function elfImports(data: Uint8Array, v: DataView): string[] {
  const is64 = data[4] === 2;
  const le = data[5] === 1;
  const u16 = (o: number) => v.getUint16(o, le);
  const u32 = (o: number) => v.getUint32(o, le);
  const word = (o: number) => (is64 ? Number(v.getBigUint64(o, le)) : u32(o));
  const shoff = is64 ? word(0x28) : u32(0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const section = (i: number) => {
    const base = shoff + i * shentsize;
    return is64
      ? { type: u32(base + 4), offset: word(base + 0x18), size: word(base + 0x20), link: u32(base + 0x28), entsize: word(base + 0x38) }
      : { type: u32(base + 4), offset: u32(base + 0x10), size: u32(base + 0x14), link: u32(base + 0x18), entsize: u32(base + 0x24) };
  };
  const SHT_DYNSYM = 11;
  const out: string[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_DYNSYM) continue;
    const strtab = section(s.link);
    const entsize = s.entsize || (is64 ? 24 : 16);
    for (let off = s.offset; off + entsize <= s.offset + s.size; off += entsize) {
      const name = u32(off);
      const shndx = u16(off + (is64 ? 6 : 14));
      if (name !== 0 && shndx === 0) out.push(cString(data, strtab.offset + name));
    }
  }
  return out;
}

function fatMachoImports(data: Uint8Array, v: DataView): string[] {
  const count = v.getUint32(4, false);
  const symbols = new Set<string>();
  for (let i = 0; i < count; i++) {
    const offset = v.getUint32(8 + i * 20 + 8, false);
    for (const s of machoImports(data, v, offset)) symbols.add(s);
  }
  return [...symbols];
}

function machoImports(data: Uint8Array, v: DataView, base: number): string[] {
  const is64 = v.getUint32(base, true) === 0xfeedfacf;
  const ncmds = v.getUint32(base + 16, true);
  let cmd = base + (is64 ? 32 : 28);
  const LC_SYMTAB = 0x2;
  const out: string[] = [];
  for (let i = 0; i < ncmds; i++) {
    const type = v.getUint32(cmd, true);
    const size = v.getUint32(cmd + 4, true);
    if (type === LC_SYMTAB) {
      const symoff = base + v.getUint32(cmd + 8, true);
      const nsyms = v.getUint32(cmd + 12, true);
      const stroff = base + v.getUint32(cmd + 16, true);
      const entry = is64 ? 16 : 12;
      for (let s = 0; s < nsyms; s++) {
        const at = symoff + s * entry;
        const nType = data[at + 4]!;
        const N_EXT = 0x01;
        const N_TYPE = 0x0e;
        if ((nType & N_EXT) && (nType & N_TYPE) === 0) {
          const name = cString(data, stroff + v.getUint32(at, true));
          out.push(name.startsWith('_') ? name.slice(1) : name);
        }
      }
    }
    cmd += size;
  }
  return out;
}

function peImports(data: Uint8Array, v: DataView): string[] {
  const pe = v.getUint32(0x3c, true);
  const sections = v.getUint16(pe + 6, true);
  const optSize = v.getUint16(pe + 20, true);
  const opt = pe + 24;
  const is64 = v.getUint16(opt, true) === 0x20b;
  const dirBase = opt + (is64 ? 112 : 96);
  const sectionTable = opt + optSize;
  const toOffset = (rva: number): number => {
    for (let i = 0; i < sections; i++) {
      const s = sectionTable + i * 40;
      const va = v.getUint32(s + 12, true);
      const size = Math.max(v.getUint32(s + 8, true), v.getUint32(s + 16, true));
      if (rva >= va && rva < va + size) return rva - va + v.getUint32(s + 20, true);
    }
    return -1;
  };
  const names = (thunkRva: number): string[] => {
    const out: string[] = [];
    let at = toOffset(thunkRva);
    const step = is64 ? 8 : 4;
    while (at >= 0 && at + step <= data.length) {
      const entry = is64 ? v.getBigUint64(at, true) : BigInt(v.getUint32(at, true));
      if (entry === 0n) break;
      const ordinal = is64 ? entry >> 63n : entry >> 31n;
      if (ordinal === 0n) {
        const hintName = toOffset(Number(entry & 0x7fffffffn));
        if (hintName >= 0) out.push(cString(data, hintName + 2));
      }
      at += step;
    }
    return out;
  };
  const out: string[] = [];
  // Ordinary imports (directory 1): 20-byte descriptors, names through OriginalFirstThunk.
  let desc = toOffset(v.getUint32(dirBase + 8, true));
  while (desc > 0 && v.getUint32(desc + 12, true) !== 0) {
    out.push(...names(v.getUint32(desc, true) || v.getUint32(desc + 16, true)));
    desc += 20;
  }
  // Delay-load imports (directory 13), which node-gyp's win_delay_load_hook uses for node.exe.
  let delay = toOffset(v.getUint32(dirBase + 13 * 8, true));
  while (delay > 0 && v.getUint32(delay + 4, true) !== 0) {
    out.push(...names(v.getUint32(delay + 16, true)));
    delay += 32;
  }
  return out;
}

export type ApiUse = 'node-api' | 'v8' | 'node-api+v8' | 'none';

/** Which Node C APIs a list of imported symbols uses. */
export function apiUse(symbols: string[]): ApiUse {
  const napi = symbols.some((s) => s.startsWith('napi_') || s.startsWith('node_api_'));
  // Itanium (_ZN2v8..., _ZNK2v8...) and MSVC (?...@v8@@...) manglings of the v8 namespace.
  const v8 = symbols.some((s) => /^_ZN?K?2v8/.test(s) || /@v8@@/.test(s));
  return napi && v8 ? 'node-api+v8' : napi ? 'node-api' : v8 ? 'v8' : 'none';
}
