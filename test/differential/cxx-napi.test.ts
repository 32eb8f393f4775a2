// node-addon-api with C++ exceptions: native (node-gyp) vs Wasm, where the
// native outcome is defined; std::terminate only on Wasm (natively it aborts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe } from './oracle.js';

type Addon = Record<string, (...args: unknown[]) => unknown>;
const fixture = path.join(fixturesDir, 'cxx-napi');

describe('C++ exceptions across the JS boundary: native vs Wasm', async () => {
  const except = await loadBoth<Addon>(fixture, 'cxx_except');
  const all = await loadBoth<Addon>(fixture, 'cxx_except_all');
  const jsError = () => {
    throw new RangeError('thrown in JS');
  };

  const scenarios: [string, (a: Addon) => unknown][] = [
    ['Napi::Error thrown in C++ is caught in JS', (a) => a.throwError!()],
    ['destructors ran while it unwound', (a) => (observe(() => a.throwError!()), a.destroyed!())],
    ['Napi::TypeError keeps its type', (a) => a.throwTypeError!()],
    ['a JS exception is caught in C++ as Napi::Error', (a) => a.catchJs!(jsError)],
    ['a JS exception passes through C++ unchanged', (a) => a.passJs!(jsError)],
    ['a throw across 50 frames, caught by base class, runs every destructor', (a) => a.unwind!()],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(except.wasm))).toEqual(observe(() => run(except.native)));
  });

  it('with node_addon_api_except_all, std::exception becomes a JS Error with what()', () => {
    expect(observe(() => all.wasm.throwStd!())).toEqual(observe(() => all.native.throwStd!()));
    expect(observe(() => all.wasm.throwStd!())).toEqual({ threw: { name: 'Error', message: 'std::runtime_error from C++' } });
  });

  it('an exception nobody catches ends the call with an Error saying std::terminate was reached', async () => {
    // Natively this aborts the process. Here the host goes on; the addon instance
    // does not (its C++ state is mid-terminate): later calls throw the same Error.
    const { wasm } = await loadBoth<Addon>(fixture, 'cxx_except');
    expect(() => wasm.throwStd!()).toThrow(/cxx_except: std::terminate was reached in .*: terminate called after throwing an instance of 'std::runtime_error'\n {2}what\(\): {2}std::runtime_error from C\+\+/);
    expect(() => wasm.unwind!()).toThrow(/std::terminate was reached/);
    const fresh = await loadBoth<Addon>(fixture, 'cxx_except');
    expect(() => fresh.wasm.throwInt!()).toThrow(/std::terminate was reached .*terminate called after throwing an instance of 'int'/);
  });
});
