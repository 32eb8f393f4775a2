import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NapiStatus as S } from '../../runtime/index.js';
import { gcUntil } from '../helpers/gc.js';
import { freshDir, repoRoot } from '../helpers/paths.js';
import { fixtureBytes, loadFixture } from './load.js';

describe('lifetime (fixtures/api-lifetime)', async () => {
  const a = await loadFixture('api-lifetime');

  it('a strong reference holds; ref/unref count; unref at 0 is napi_generic_failure', () => {
    const o = { o: 1 };
    const slot = a.makeRef(o, 1).value;
    expect(a.refValue(slot)).toEqual({ status: S.ok, value: o, empty: false });
    expect(a.refRef(slot)).toEqual({ status: S.ok, value: 2 });
    expect(a.refUnref(slot)).toEqual({ status: S.ok, value: 1 });
    expect(a.refUnref(slot)).toEqual({ status: S.ok, value: 0 });
    expect(a.refUnref(slot).status).toBe(S.generic_failure);
    expect(a.refValue(slot).value).toBe(o); // weak, but o is alive
    expect(a.refRef(slot).value).toBe(1);
    expect(a.deleteRef(slot)).toBe(S.ok);
  });

  it('references to functions and symbols; primitives need Node-API 10', () => {
    const f = () => 1;
    const sym = Symbol('s');
    expect(a.refValue(a.makeRef(f, 0).value).value).toBe(f);
    expect(a.refValue(a.makeRef(sym, 0).value).value).toBe(sym);
    expect(a.refValue(a.makeRef(Symbol.for('global'), 0).value).value).toBe(Symbol.for('global'));
    // The fixture is built for Node-API 8: a number cannot be referenced.
    expect(a.makeRef(5, 1).status).toBe(S.invalid_arg);
    expect(a.makeRef('s', 0).status).toBe(S.invalid_arg);
  });

  it('a weak reference gives NULL once its object is collected; ref/unref then give 0', async () => {
    const slot = (() => a.makeRef({ doomed: true }, 0).value)();
    await gcUntil('the weakly referenced object is collected', () => a.refValue(slot).empty);
    expect(a.refRef(slot)).toEqual({ status: S.ok, value: 0 });
    expect(a.refUnref(slot).status).toBe(S.generic_failure); // the count is still 0
    expect(a.refValue(slot)).toEqual({ status: S.ok, value: undefined, empty: true });
    expect(a.deleteRef(slot)).toBe(S.ok);
  });

  it('finalizers of wraps, externals and napi_add_finalizer run after collection', async () => {
    const before = a.finalized().length;
    (() => {
      a.wrap({}, 101);
      a.external(102);
      a.addFinalizer({}, 103, false);
      const o = {};
      a.addFinalizer(o, 104, false);
      a.addFinalizer(o, 105, false); // several finalizers on one object
    })();
    const done = () => a.finalized().length - before === 5;
    await gcUntil('five finalizers ran', done);
    expect(a.finalized().slice(before).sort()).toEqual([101, 102, 103, 104, 105]);
  });

  it('a finalizer can call into JS', async () => {
    const seen: number[] = [];
    a.onFinalize((id: number) => seen.push(id));
    (() => a.wrap({}, 201))();
    await gcUntil('the finalizer called back', () => seen.includes(201));
    a.onFinalize(undefined);
  });

  it('an exception a finalizer leaves pending is reported as uncaught, as in Node', async () => {
    // In a child process: vitest fails a run that sees an uncaught exception.
    const dir = freshDir('finalizer-throws');
    fs.writeFileSync(path.join(dir, 'lifetime.wasm'), await fixtureBytes('api-lifetime'));
    const script = `
      const { loadAddonSync } = require(${JSON.stringify(path.join(repoRoot, 'dist/runtime/napi-runtime.cjs'))});
      const a = loadAddonSync(require('fs').readFileSync(${JSON.stringify(path.join(dir, 'lifetime.wasm'))}));
      process.on('uncaughtException', (e) => { console.log('uncaught:', e.message); process.exit(0); });
      a.onFinalize(() => { throw new Error('thrown in a finalizer'); });
      (() => a.wrap({}, 1))();
      const poll = (n) => { gc(); if (n > 0) setTimeout(() => poll(n - 1), 10); else console.log('never'); };
      poll(50);`;
    const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stdout.trim()).toBe('uncaught: thrown in a finalizer');
  });

  it('a wrap reference is weak and stays valid until its finalizer deletes it', async () => {
    let o: object | undefined = {};
    const r = a.wrapWithRef(o, 301);
    expect(r.status).toBe(S.ok);
    expect(a.refValue(r.value).value).toBe(o);
    o = undefined;
    await gcUntil('the wrapped object is finalized', () => a.finalized().includes(301));
  });

  it('napi_remove_wrap cancels the finalizer; a returned reference stays valid', async () => {
    const kept = {};
    const r = a.wrapWithRef(kept, 401);
    expect(a.removeWrap(kept)).toEqual({ status: S.ok, value: 401 });
    expect(a.refValue(r.value).value).toBe(kept);
    (() => {
      const o = {};
      a.wrap(o, 402);
      a.removeWrap(o);
      a.wrap({}, 403);
    })();
    await gcUntil('the other wrap is finalized', () => a.finalized().includes(403));
    expect(a.finalized()).not.toContain(402);
    expect(a.finalized()).not.toContain(401);
    expect(a.deleteRef(r.value)).toBe(S.ok);
  });

  it('deleting a napi_add_finalizer reference cancels the finalizer', async () => {
    (() => {
      const r = a.addFinalizer({}, 501, true);
      expect(r.status).toBe(S.ok);
      expect(a.deleteRef(r.value)).toBe(S.ok);
      a.addFinalizer({}, 502, true);
    })();
    await gcUntil('the other finalizer ran', () => a.finalized().includes(502));
    expect(a.finalized()).not.toContain(501);
  });

  it('argument checks', () => {
    // add_finalizer without a callback / on a primitive, wrap of a primitive,
    // ref / unref / delete / get of a NULL reference.
    expect(a.lifetimeEdgeCases()).toEqual([
      S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg, S.invalid_arg,
    ]);
  });

  it('type tags: set once, matched exactly; primitives never match; null is napi_object_expected', () => {
    const o = {};
    expect(a.checkTag(o, 0)).toEqual({ status: S.ok, value: false });
    expect(a.tag(o, 0)).toBe(S.ok);
    expect(a.tag(o, 0)).toBe(S.invalid_arg);
    expect(a.tag(o, 1)).toBe(S.invalid_arg);
    expect(a.checkTag(o, 0)).toEqual({ status: S.ok, value: true });
    expect(a.checkTag(o, 1)).toEqual({ status: S.ok, value: false });
    expect(a.checkTag({}, 2)).toEqual({ status: S.ok, value: false }); // untagged is not the zero tag
    const ext = a.external(0);
    expect(a.tag(ext, 1)).toBe(S.ok);
    expect(a.checkTag(ext, 1).value).toBe(true);
    expect(a.tag(5, 0)).toBe(S.ok);
    expect(a.checkTag(5, 0)).toEqual({ status: S.ok, value: false });
    expect(() => a.tag(null, 0)).toThrow(TypeError);
    expect(() => a.checkTag(undefined, 0)).toThrow(TypeError);
  });

  it('instance data: replacing it does not finalize the old data', () => {
    expect(a.instanceData()).toEqual([0, 0]);
    a.setInstanceData(7);
    a.setInstanceData(8);
    expect(a.instanceData()).toEqual([8, 0]);
  });

  it('napi_adjust_external_memory keeps a running total; napi_get_version is 10', () => {
    const first = a.adjustExternalMemory(1000);
    expect(first.status).toBe(S.ok);
    expect(a.adjustExternalMemory(-400).value).toBe(first.value - 400);
    expect(a.version()).toBe(10);
  });
});
