// Exception semantics, checked against the output of the same fixtures
// built natively (x86-64, libstdc++), which these expectations were taken
// from: compiled with clang++-19 -fwasm-exceptions -fno-rtti plus our runtime
// and run under node:wasi.
import { describe, expect, it } from 'vitest';
import { buildCxxProgram } from './build.js';
import { runWasiProgram } from './run.js';

async function runFixture(name: string) {
  const result = await runWasiProgram(await buildCxxProgram(name));
  expect(result.error).toBeNull();
  expect(result.escapedCxxException).toBe(false);
  expect(result.terminateMessage).toBeNull();
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout.split('\n').slice(0, -1);
}

describe('C++ exceptions under -fwasm-exceptions (clang-19)', () => {
  it('throws and catches by value, by reference and by pointer; catch (...); what()', async () => {
    expect(await runFixture('catch_basics.cpp')).toEqual([
      'int by value: 7',
      'class by value: 11',
      'by reference, modified before rethrow: 42',
      'by pointer: 5 same=1',
      'string literal: text',
      'double skips int handler: 2.5',
      'catch (...)',
      'what(): runtime failure',
      'std::string: a std::string',
      'Counted 1 live inside handler: 1',
      'Counted live after handler: 0',
      'enum: 1',
      'long long: 1234567890123',
      'char: c',
      'bool: 1',
      'first match logic_error: range',
      'uncaught at end: 0',
    ]);
  });

  it('catches through single, multiple and virtual public bases with pointer adjustment', async () => {
    expect(await runFixture('inheritance.cpp')).toEqual([
      'single: caught as Base, who()=Derived base=1',
      'single by value (sliced): who()=Base',
      'multiple: Right& right=20, adjusted=1, whole left=10 both=30',
      'multiple: Left& left=10',
      'pointer: Right* equals static_cast=1, moved=1, right=20',
      'pointer with added const: right=20',
      'null Both* caught as Right* stays null: 1',
      'virtual base: vb=100',
      'virtual diamond side: vr=102 vb=100',
      'pointer to virtual base: equal=1 vb=100',
      'ambiguous base skipped, caught as A2: a=7',
      'private base skipped',
      'base clause first wins',
      'user error as runtime_error: custom',
      'user error as exception: custom2',
      'Derived** not converted to Base**: 1',
    ]);
  });

  it('rethrows with throw; and handles nested try blocks and handlers', async () => {
    expect(await runFixture('rethrow_nested.cpp')).toEqual([
      'inner caught 1',
      'outer caught rethrown 1, live=1',
      'after rethrow chain live=0',
      'nested: outermost caught 3.5',
      'handler-in-handler caught 20 (live=2)',
      'back in first handler 10 (live=1)',
      'rethrow after nested caught 10',
      'live=0',
      'same object rethrown within handler: 1',
      'still handling 30',
      'live=0',
      'replaced by replacement, Tracked live=0',
      '~Probe(unwinding) uncaught_exceptions=1',
      'in handler uncaught_exceptions=0',
      '~Probe(normal exit) uncaught_exceptions=0',
      'dtor caught 2 during unwinding, uncaught=1',
      'outer still caught: outer',
      'function-try-block saw: member ctor',
      'constructor rethrew: member ctor',
      'done live=0 uncaught=0',
    ]);
  });

  it('runs destructors while unwinding across 50 frames and cleans up new[]', async () => {
    expect(await runFixture('unwinding.cpp')).toEqual([
      "caught 'bottom of 50 frames' after 50 destructors",
      'ctor first',
      'ctor second',
      'dtor second',
      'dtor first',
      'handler runs after both destructors',
      'ctor member a',
      'dtor member a',
      'partially constructed Composite, caught 17',
      'new[]: fourth element; constructed=3 destroyed=3 operator delete[] calls=1',
      'new: operator delete calls=1',
      'caught: with a vector alive, vector elements destroyed=3',
      'through a function pointer: p',
      'through std::function and a lambda: 30',
      'caught 1000 in a loop, uncaught=0',
    ]);
  });

  it('round-trips std::exception_ptr (current_exception, rethrow_exception, make_exception_ptr)', async () => {
    expect(await runFixture('exception_ptr.cpp')).toEqual([
      'outside a handler current_exception is null: 1',
      'saved non-null=1, object alive after handler: live=1',
      'rethrow_exception -> Tracked 1',
      'rethrown twice, same object: 1',
      'copy equals original: 1',
      'one owner left: live=1',
      'no owners left: live=0',
      'nested rethrow of the handled object: same=1',
      'outer handler continues with 2',
      'after nested: live=0',
      'make_exception_ptr: live=1',
      'caught made exception by value: 3',
      'after releasing made: live=0',
      'what(): made runtime_error',
      'swapped: int 42',
      'swapped: first',
      'throw_with_nested outer: wrapper',
      'nested cause: cause',
      'uncaught=0',
    ]);
  });

  it('catches nullptr with pointer handlers and applies only the allowed pointer conversions', async () => {
    expect(await runFixture('pointers_nullptr.cpp')).toEqual([
      'nullptr as int*: 1',
      'nullptr as Base*: 1',
      'nullptr as const char*: 1',
      'nullptr as void*: 1',
      'nullptr as data member pointer: 1',
      'nullptr as member function pointer: 1',
      'nullptr as nullptr_t: 1',
      'nullptr not caught by int',
      'int* as const int*: 5',
      'int* as const volatile int*: 1',
      'int** as const int* const*: 5',
      'int** not caught as const int**: 5',
      'const not dropped: 5',
      'char* as void*: 1',
      'char* as const void*: 1',
      'function pointer: 1',
      'noexcept function pointer as plain: 1',
      'noexcept not added',
      'data member pointer: 1',
      'data member pointer with const: 1',
      'member function pointer: 1',
      'int* by reference: 5',
    ]);
  });
});
