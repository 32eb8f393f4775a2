// Loads one build of an addon into this process and reports what it needs.
//
// For the wasm columns, `new WebAssembly.Instance` is wrapped while the
// loader runs, to (1) keep the instance, for its memory size, and (2) for
// napi-wasm only, fill Node-API imports the runtime does not provide yet with
// stubs that throw. The runtime is still being written; with the stubs, the
// cases that do not need a missing function can still be measured, and the
// others are reported as "n/a (missing napi_xxx)".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const NOT_IMPLEMENTED = /not implemented/;

/** The Node-API function named by a runtime's "not implemented" error, if any. */
export function notImplementedName(message) {
  return /\b((?:napi|node_api)_\w+) is not implemented/.exec(String(message))?.[1];
}

export class MissingNapiError extends Error {
  constructor(name) {
    super(`missing ${name}`);
    this.napiName = name;
  }
}

/**
 * @param {'native' | 'emnapi' | 'napi-wasm'} impl
 * @param {string} file .node file or .cjs loader
 * @returns {{ exports?: any, instance?: WebAssembly.Instance, missing: string[], imports: string[], error?: string }}
 */
export function loadAddon(impl, file) {
  if (impl === 'native') {
    try {
      return { exports: require(file), missing: [], imports: [] };
    } catch (err) {
      return { error: String(err?.message ?? err), missing: [], imports: [] };
    }
  }
  const Original = WebAssembly.Instance;
  const seen = { instance: undefined, missing: [], imports: [] };
  class CapturingInstance extends Original {
    constructor(module, importObject) {
      super(module, impl === 'napi-wasm' ? fillMissing(module, importObject, seen) : importObject);
      seen.imports = WebAssembly.Module.imports(module).map((i) => i.name);
      seen.instance = this;
    }
  }
  WebAssembly.Instance = CapturingInstance;
  try {
    const exports = require(file);
    return { exports, instance: seen.instance, missing: seen.missing, imports: seen.imports };
  } catch (err) {
    const message = String(err?.stack ?? err);
    // A runtime that rejects the module itself may name what it lacks.
    const named = [...new Set(message.match(/\b(?:napi|node_api)_\w+/g) ?? [])];
    return { error: message.split('\n')[0], missing: [...new Set([...seen.missing, ...named])], imports: seen.imports };
  } finally {
    WebAssembly.Instance = Original;
  }
}

function fillMissing(module, importObject, seen) {
  const patched = { ...importObject };
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') continue;
    const ns = patched[imp.module];
    if (ns && typeof ns[imp.name] === 'function') {
      // The runtime's own placeholder for a function it does not have yet.
      if (NOT_IMPLEMENTED.test(String(ns[imp.name]))) seen.missing.push(imp.name);
      continue;
    }
    seen.missing.push(imp.name);
    patched[imp.module] = {
      ...(ns ?? {}),
      [imp.name]: () => {
        throw new MissingNapiError(imp.name);
      },
    };
  }
  return patched;
}
