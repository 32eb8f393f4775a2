// Why linking our runtime next to the toolchains' no-exceptions libc++abi
// cannot produce duplicate symbols, checked against the actual archives.
//
// The runtime goes on the link line as object files, before -lc++ -lc++abi.
// Objects are always loaded; an archive member is loaded only to resolve a
// symbol that is still undefined. So a member that defines one of our
// (strong) symbols is harmless exactly when every global symbol it defines
// is also defined by us: then nothing can ever make the linker load it.
import { describe, expect, it } from 'vitest';
import { runtimeObjects } from './build.js';
import { isGlobalDefinition, isWeak, nmClang19, nmYowasp, type NmSymbol } from './toolchain-tools.js';

const ARCHIVES = {
  'clang-19': ['/usr/lib/wasm32-wasi/libc++abi.a', '/usr/lib/wasm32-wasi/libc++.a'],
  yowasp: ['/usr/lib/wasm32-wasip1/libc++abi.a', '/usr/lib/wasm32-wasip1/libc++.a'],
} as const;

// The libc++abi members (built with _LIBCXXABI_NO_EXCEPTIONS) that the
// runtime replaces whole.
const REPLACED = ['cxa_aux_runtime', 'cxa_default_handlers', 'cxa_exception_storage', 'cxa_handlers', 'cxa_noexception'];

async function ourDefinitions() {
  const symbols = (await nmClang19(await runtimeObjects())).filter(isGlobalDefinition);
  return {
    all: new Set(symbols.map((s) => s.name)),
    strong: new Set(symbols.filter((s) => !isWeak(s)).map((s) => s.name)),
  };
}

function membersOf(symbols: NmSymbol[]): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const s of symbols.filter(isGlobalDefinition)) {
    if (!members.has(s.member)) members.set(s.member, new Set());
    members.get(s.member)!.add(s.name);
  }
  return members;
}

describe.each(Object.keys(ARCHIVES) as (keyof typeof ARCHIVES)[])('symbol clashes with %s libc++/libc++abi', (toolchain) => {
  it('only members we replace whole define our strong symbols', async () => {
    const ours = await ourDefinitions();
    const archives = ARCHIVES[toolchain];
    const symbols = toolchain === 'clang-19' ? await nmClang19([...archives]) : await nmYowasp([...archives]);
    const overlapping = new Map<string, string[]>();
    for (const [member, defs] of membersOf(symbols)) {
      if (![...defs].some((name) => ours.strong.has(name))) continue;
      // Never loaded: it defines nothing we leave undefined.
      expect([...defs].filter((name) => !ours.all.has(name)), member).toEqual([]);
      overlapping.set(member.replace(/\.cpp\.o(bj)?$/, ''), [...defs]);
    }
    // Debian's libc++.a also carries copies of the libc++abi members.
    expect([...new Set(overlapping.keys())].sort()).toEqual(REPLACED);
  });

  it('the toolchain has no exception runtime of its own', async () => {
    const archives = ARCHIVES[toolchain];
    const symbols = toolchain === 'clang-19' ? await nmClang19([...archives]) : await nmYowasp([...archives]);
    const defined = new Set(symbols.filter(isGlobalDefinition).map((s) => s.name));
    for (const name of ['__cxa_throw', '__cxa_begin_catch', '__cxa_allocate_exception', '_Unwind_CallPersonality', '__wasm_lpad_context', '__cpp_exception'])
      expect(defined.has(name), name).toBe(false);
  });
});

describe('runtime symbols', () => {
  it('define everything clang -fwasm-exceptions code and libc++ exception_ptr call', async () => {
    const ours = await ourDefinitions();
    const needed = [
      // clang-generated code
      '__cxa_allocate_exception', '__cxa_free_exception', '__cxa_throw', '__cxa_begin_catch',
      '__cxa_end_catch', '__cxa_rethrow', '__cxa_get_exception_ptr', '__cxa_call_terminate',
      '_ZSt9terminatev', '_Unwind_CallPersonality', '__wasm_lpad_context', '__cpp_exception',
      '__cxa_bad_cast', '__cxa_bad_typeid', '__cxa_throw_bad_array_new_length',
      // libc++'s exception_ptr, uncaught_exceptions and make_exception_ptr
      '__cxa_current_primary_exception', '__cxa_rethrow_primary_exception',
      '__cxa_increment_exception_refcount', '__cxa_decrement_exception_refcount',
      '__cxa_uncaught_exceptions', '__cxa_uncaught_exception', '__cxa_init_primary_exception',
      // the rest of the ABI surface
      '__cxa_current_exception_type', '__cxa_get_globals', '__cxa_get_globals_fast',
      '__cxa_call_unexpected', '__gxx_personality_wasm0', '_Unwind_RaiseException',
      '_Unwind_DeleteException', '_Unwind_GetIP', '_Unwind_SetGR', '_Unwind_GetLanguageSpecificData',
      '_ZSt13set_terminatePFvvE', '_ZSt13get_terminatev',
    ];
    expect(needed.filter((name) => !ours.all.has(name))).toEqual([]);
  });
});
