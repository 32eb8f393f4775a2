import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { loadFixture } from './load.js';

describe('napi_run_script (fixtures/api-script)', async () => {
  const a = await loadFixture('api-script');
  const g = globalThis as Record<string, unknown>;

  it('returns the completion value', () => {
    expect(a.run('1 + 2')).toEqual({ status: S.ok, value: 3 });
    expect(a.run('"s" + [1, 2]').value).toBe('s1,2');
    expect(a.run('').value).toBe(undefined);
  });

  it('runs as a classic script in the global scope: var is a non-configurable global, let persists', () => {
    a.run('var napiWasmScriptVar = 5;');
    expect(g.napiWasmScriptVar).toBe(5);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'napiWasmScriptVar')!.configurable).toBe(false);
    a.run('let napiWasmScriptLet = 7;');
    expect(a.run('napiWasmScriptLet').value).toBe(7);
    expect('napiWasmScriptLet' in globalThis).toBe(false);
    expect(a.run('this === globalThis').value).toBe(true);
  });

  it('a non-string is napi_string_expected; a syntax error or a throw is napi_generic_failure, exception pending', () => {
    expect(a.run(5)).toEqual({ status: S.string_expected, value: undefined });
    const syntax = a.run('(');
    expect(syntax.status).toBe(S.generic_failure);
    expect(syntax.error).toBeInstanceOf(SyntaxError);
    const thrown = a.run('throw new TypeError("from script")');
    expect(thrown.status).toBe(S.generic_failure);
    expect(thrown.error.message).toBe('from script');
  });

  describe('without Node’s vm (other hosts)', () => {
    const p = process as unknown as { getBuiltinModule: unknown };
    const saved = { getBuiltinModule: p.getBuiltinModule, eval: globalThis.eval };
    const restore = () => {
      p.getBuiltinModule = saved.getBuiltinModule;
      globalThis.eval = saved.eval;
    };

    it('an indirect eval runs the script (a top-level var is then configurable)', () => {
      p.getBuiltinModule = undefined;
      try {
        expect(a.run('var napiWasmEvalVar = 3; napiWasmEvalVar * 2')).toEqual({ status: S.ok, value: 6 });
        expect(Object.getOwnPropertyDescriptor(globalThis, 'napiWasmEvalVar')!.configurable).toBe(true);
      } finally {
        restore();
      }
    });

    it('where code generation is forbidden (Workers) the error says so', () => {
      p.getBuiltinModule = undefined;
      globalThis.eval = () => {
        throw new EvalError('Code generation from strings disallowed for this context');
      };
      try {
        const r = a.run('1');
        expect(r.status).toBe(S.generic_failure);
        expect(r.error).toBeInstanceOf(EvalError);
        expect(r.error.message).toBe(
          'napi_run_script: this JS engine does not allow compiling code at run time (Code generation from strings disallowed for this context)',
        );
      } finally {
        restore();
      }
    });
  });

  it('argument checks', () => {
    expect(a.runNull()).toEqual([S.invalid_arg, S.invalid_arg]);
  });
});
