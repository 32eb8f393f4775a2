// std::terminate: the message on stderr (libstdc++'s wording), the same
// message passed to the napi_wasm.terminate import, and then a trap, with no
// handler or destructor running after terminate was reached.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { runWasiProgram } from './run.js';

let wasm: Uint8Array;
beforeAll(async () => {
  wasm = await buildCxxProgram('terminate.cpp');
});

async function terminateIn(mode: string, terminateImport: 'return' | 'throw' = 'return') {
  return runWasiProgram(wasm, { args: [mode], terminateImport });
}

const RUNTIME_ERROR =
  "terminate called after throwing an instance of 'std::runtime_error'\n  what():  nobody catches this";

describe('std::terminate', () => {
  it('is reached when an exception escapes main (the host hands it back to the runtime)', async () => {
    const r = await terminateIn('uncaught');
    expect(r.escapedCxxException).toBe(true);
    expect(r.terminateMessage).toBe(RUNTIME_ERROR);
    expect(r.stderr).toBe(`${RUNTIME_ERROR}\n`);
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError); // the trap after the import returned
    // Wasm unwinds before the host sees the exception, so destructors on
    // the way out have run (natively that is implementation-defined).
    expect(r.stdout).toBe('mode uncaught\n~Noisy ran\n');
  });

  // From the uncaught hook nothing but our runtime is on the stack, so an
  // import that throws is safe there. Elsewhere a JS exception unwinding
  // through C++ frames runs catch_all pads (see docs/cxx-exceptions.md),
  // which is why the host should record the message and return.
  it('turns into the JS error when the import throws from the uncaught hook', async () => {
    const r = await terminateIn('uncaught', 'throw');
    expect(r.terminateMessage).toBe(RUNTIME_ERROR);
    expect(r.error?.message).toBe(`std::terminate reached: ${RUNTIME_ERROR}`);
  });

  it('names types that are not std::exception, demangled', async () => {
    const plain = await terminateIn('uncaught-plain');
    expect(plain.terminateMessage).toBe("terminate called after throwing an instance of 'PlainError'");
    const template = await terminateIn('uncaught-template');
    expect(template.terminateMessage).toBe("terminate called after throwing an instance of 'app::Failure<int>'");
    // libc++ on these targets uses the std::__2 inline namespace.
    const string = await terminateIn('uncaught-string');
    expect(string.terminateMessage).toBe(
      "terminate called after throwing an instance of 'std::__2::basic_string<char, std::__2::char_traits<char>, std::__2::allocator<char>>'",
    );
    const nested = await terminateIn('uncaught-nested-template');
    expect(nested.terminateMessage).toBe(
      "terminate called after throwing an instance of 'app::Failure<std::__2::vector<char const*, std::__2::allocator<char const*>>>'",
    );
    const pointer = await terminateIn('uncaught-pointer');
    expect(pointer.terminateMessage).toBe("terminate called after throwing an instance of 'app::Failure<long> const*'");
  });

  it('is reached when an exception leaves a noexcept function, without running its destructors', async () => {
    const r = await terminateIn('noexcept');
    expect(r.escapedCxxException).toBe(false);
    expect(r.terminateMessage).toBe(
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  escaped a noexcept function",
    );
    expect(r.stdout).toBe('mode noexcept\n');
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });

  it('reports no active exception for a bare std::terminate() and for throw; outside a handler', async () => {
    for (const mode of ['explicit', 'rethrow-nothing']) {
      const r = await terminateIn(mode);
      expect(r.terminateMessage).toBe('terminate called without an active exception');
      expect(r.stderr).toBe('terminate called without an active exception\n');
    }
  });

  it('reports the exception being handled when std::terminate() is called in a handler', async () => {
    const r = await terminateIn('in-handler');
    expect(r.terminateMessage).toBe("terminate called after throwing an instance of 'int'");
  });

  it('is reached when a destructor throws during unwinding', async () => {
    const r = await terminateIn('destructor-throws');
    expect(r.terminateMessage).toBe(
      "terminate called after throwing an instance of 'std::logic_error'\n  what():  from a destructor",
    );
    expect(r.stdout).toBe('mode destructor-throws\n');
  });

  it('calls a handler installed with std::set_terminate', async () => {
    const escaped = await terminateIn('custom-handler');
    expect(escaped.stdout).toBe(
      'mode custom-handler\nget_terminate returns it: 1, previous non-null: 1\n' +
        'custom terminate handler, current exception: 1\n',
    );
    expect(escaped.exitCode).toBe(3);
    expect(escaped.terminateMessage).toBeNull();

    const inCatch = await terminateIn('custom-handler-in-catch');
    expect(inCatch.stdout).toBe('mode custom-handler-in-catch\ncustom terminate handler, current exception: 1\n');
    expect(inCatch.exitCode).toBe(3);
  });

  it('is not reached otherwise', async () => {
    const r = await terminateIn('none');
    expect(r.stdout).toBe('mode none\nno terminate\n');
    expect(r.exitCode).toBe(0);
    expect(r.terminateMessage).toBeNull();
  });
});
