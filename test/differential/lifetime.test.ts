// fixtures/api-lifetime built natively with node-gyp and to Wasm must answer
// alike: references, finalizers after collection, wraps, type tags, instance data.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gcUntil } from '../helpers/gc.js';
import { fixturesDir } from '../helpers/paths.js';
import { loadBoth, observe, observeAsync } from './oracle.js';

type Addon = any;

describe('lifetime: native (node-gyp) vs Wasm', async () => {
  const { native, wasm } = await loadBoth<Addon>(path.join(fixturesDir, 'api-lifetime'), 'api_lifetime');

  const scenarios: [string, (a: Addon) => unknown][] = [
    ['strong reference: ref, unref, unref at 0', (a) => {
      const o = { o: 1 };
      const slot = a.makeRef(o, 1).value;
      const steps = [a.refValue(slot).value === o, a.refRef(slot), a.refUnref(slot), a.refUnref(slot), a.refUnref(slot)];
      steps.push(a.refValue(slot).value === o, a.refRef(slot), a.deleteRef(slot));
      return steps;
    }],
    ['references to functions, symbols, global symbols', (a) => {
      const f = () => 1;
      const sym = Symbol('s');
      return [a.refValue(a.makeRef(f, 0).value).value === f, a.refValue(a.makeRef(sym, 0).value).value === sym,
        a.refValue(a.makeRef(Symbol.for('g'), 0).value).value === Symbol.for('g')];
    }],
    ['references to primitives (Node-API 8 module)', (a) => [a.makeRef(5, 1).status, a.makeRef('s', 0).status, a.makeRef(undefined, 1).status]],
    ['argument checks', (a) => a.lifetimeEdgeCases()],
    ['type tags', (a) => {
      const o = {};
      const ext = a.external(0);
      return [a.checkTag(o, 0), a.tag(o, 0), a.tag(o, 0), a.tag(o, 1), a.checkTag(o, 0), a.checkTag(o, 1),
        a.checkTag({}, 2), a.tag(ext, 1), a.checkTag(ext, 1), a.checkTag(ext, 0), a.tag(5, 0), a.checkTag(5, 0)];
    }],
    ['type tag of null', (a) => a.tag(null, 0)],
    ['type tag check of undefined', (a) => a.checkTag(undefined, 0)],
    ['type tag statuses of null and undefined', (a) => [a.tagOutcome(null), a.checkTagOutcome(undefined), a.tagOutcome(undefined)]],
    ['type tag NULL arguments', (a) => a.tagNull()],
    ['instance data', (a) => {
      const first = a.instanceData();
      a.setInstanceData(7);
      a.setInstanceData(8);
      return [first, a.instanceData()];
    }],
    ['napi_remove_wrap keeps a returned reference', (a) => {
      const kept = {};
      const r = a.wrapWithRef(kept, 401);
      return [r.status, a.removeWrap(kept), a.refValue(r.value).value === kept, a.removeWrap(kept).status, a.deleteRef(r.value)];
    }],
    ['napi_adjust_external_memory status', (a) => a.adjustExternalMemory(0).status],
  ];

  it.each(scenarios)('%s', (_name, run) => {
    expect(observe(() => run(wasm))).toEqual(observe(() => run(native)));
  });

  const collections: [string, (a: Addon) => Promise<unknown>][] = [
    ['a weak reference after collection: NULL, ref/unref give 0', async (a) => {
      const slot = (() => a.makeRef({ doomed: true }, 0).value)();
      await gcUntil('collection', () => a.refValue(slot).empty);
      return [a.refRef(slot), a.refUnref(slot), a.refValue(slot).empty, a.deleteRef(slot)];
    }],
    ['finalizers of wraps, externals and napi_add_finalizer', async (a) => {
      const before = a.finalized().length;
      (() => {
        a.wrap({}, 101);
        a.external(102);
        a.addFinalizer({}, 103, false);
        const o = {};
        a.addFinalizer(o, 104, false);
        a.addFinalizer(o, 105, true);
      })();
      await gcUntil('finalizers', () => a.finalized().length - before === 5);
      return a.finalized().slice(before).sort();
    }],
    ['a finalizer calls into JS', async (a) => {
      const seen: number[] = [];
      a.onFinalize((id: number) => seen.push(id));
      (() => a.wrap({}, 201))();
      await gcUntil('callback', () => seen.includes(201));
      a.onFinalize(undefined);
      return seen;
    }],
    ['removed wraps and deleted finalizer references never finalize', async (a) => {
      const before = a.finalized().length;
      (() => {
        const o = {};
        a.wrap(o, 402);
        a.removeWrap(o);
        a.deleteRef(a.addFinalizer({}, 501, true).value);
        a.wrapWithRef({}, 403);
      })();
      await gcUntil('the remaining wrap', () => a.finalized().includes(403));
      return a.finalized().slice(before);
    }],
  ];

  it.each(collections)('%s', async (_name, run) => {
    expect(await observeAsync(() => run(wasm))).toEqual(await observeAsync(() => run(native)));
  });
});
