// How an addon instance ends: the host disposes of it (disposeAddon), or, in
// Node, the process ends because its event loop ran dry (not on
// process.exit(), where Node's main thread skips the teardown too). As in
// Node's environment teardown:
//   1. the cleanup hooks run in reverse order of registration: env cleanup
//      hooks, async cleanup hooks and each threadsafe function's own hook
//      (which starts closing it), in one order across all addons;
//   2. the event loop turns until the libuv callbacks and closing handles
//      the hooks started have run (uv_async callbacks, then close callbacks:
//      uv_close's and threadsafe-function finalizers), hooks added meanwhile
//      included;
//   3. once nothing holds the env any more (an async cleanup hook holds it
//      until it removes itself, a threadsafe function until its finalizer
//      has run) the instance-data finalizer runs and the instance is dead:
//      every call into it throws.
// While the env is being disposed, queued async work is dropped (never
// executed or completed) but loop callbacks still run, so that async
// cleanup hooks can finish through libuv as they do in Node. At process exit
// step 2 runs the loop callbacks synchronously, and step 3 follows at once,
// whatever still holds the env.

import { finalizeInstanceData } from '../api/instance.js';
import type { Env } from '../env.js';
import { post } from './tasks.js';
import { reportUncaught } from './uncaught.js';

const enum State {
  Live,
  Disposing,
  Dead,
}

interface Hook {
  /** Position in registration order, across all addons. */
  seq: number;
  run: () => void;
}

let nextSeq = 1;

class Lifecycle {
  state = State.Live;
  readonly hooks = new Set<Hook>();
  /** The env holds itself until disposal starts; see holdEnv. */
  refs = 1;
  /** Loop callbacks posted and not yet run (run at process exit), as libuv
   *  runs them: uv_async callbacks, then closing handles. */
  readonly polls = new Set<() => void>();
  readonly closes = new Set<() => void>();
  finished: Promise<void> | undefined = undefined;
  resolve: () => void = () => {};

  constructor(readonly env: Env) {}
}

const lifecycles = new WeakMap<Env, Lifecycle>();
/** Instances the process-exit teardown must reach (Node only). */
const live = new Set<Lifecycle>();
const byExports = new WeakMap<object, Env>();

interface NodeProcess {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}
const nodeProcess = (globalThis as { process?: Partial<NodeProcess> }).process;
const hasExit = typeof nodeProcess?.on === 'function' && typeof nodeProcess.removeListener === 'function';
const nodeSetImmediate = (globalThis as { setImmediate?: (fn: () => void) => { unref?(): unknown } }).setImmediate;
let exitListening = false;
/** The event loop ran dry ('beforeExit') and did not start again. */
let naturalExit = false;

/**
 * Node runs the cleanup hooks when the event loop has run dry, after the
 * 'exit' listeners (which may still call into addons), and not at all on
 * process.exit() in the main thread. So the teardown listener moves behind
 * each 'exit' listener added after it (at the next microtask checkpoint, once
 * that one is in place), and does nothing unless 'beforeExit' came last.
 */
function listenForExit(): void {
  const p = nodeProcess as NodeProcess;
  p.on('beforeExit', () => {
    naturalExit = true;
    // Runs, and takes it back, only if the loop goes on after 'beforeExit'.
    nodeSetImmediate?.(() => (naturalExit = false)).unref?.();
  });
  p.on('exit', teardownAtExit);
  p.on('newListener', (event, listener) => {
    if (event !== 'exit' || listener === teardownAtExit) return;
    queueMicrotask(() => {
      p.removeListener('exit', teardownAtExit);
      p.on('exit', teardownAtExit);
    });
  });
}

function of(env: Env): Lifecycle {
  let lc = lifecycles.get(env);
  if (lc === undefined) {
    lifecycles.set(env, (lc = new Lifecycle(env)));
    if (hasExit) {
      live.add(lc);
      if (!exitListening) {
        exitListening = true;
        listenForExit();
      }
    }
  }
  return lc;
}

/** Starts tracking `env` (at load time, so that its place in the teardown order is its load order). */
export function trackEnv(env: Env): void {
  of(env);
}

/** What the host's disposeAddon(exports) finds the env by. */
export function registerExports(exports: unknown, env: Env): void {
  if ((typeof exports === 'object' && exports !== null) || typeof exports === 'function') byExports.set(exports, env);
}

/** Async work may still start: the env is neither being disposed nor dead. */
export function isLive(env: Env): boolean {
  return of(env).state === State.Live && env.dead === undefined;
}

/** Loop callbacks may still run: the env is not dead. */
export function isRunning(env: Env): boolean {
  return of(env).state !== State.Dead && env.dead === undefined;
}

export function addCleanupHook(env: Env, run: () => void): Hook {
  const hook = { seq: nextSeq++, run };
  of(env).hooks.add(hook);
  return hook;
}

export function removeCleanupHook(env: Env, hook: Hook): void {
  of(env).hooks.delete(hook);
}

/** An async cleanup hook or a threadsafe function keeps the env from being torn down. */
export function holdEnv(env: Env): void {
  of(env).refs++;
}

export function releaseEnv(env: Env): void {
  const lc = of(env);
  if (--lc.refs === 0) finish(lc);
}

/**
 * Runs `callback` in a later task, as libuv runs a uv_async callback or
 * (`closing`) a closing handle's callback; at process exit, during the
 * teardown. These still run while the env is being disposed.
 */
export function postLoopCallback(env: Env, callback: () => void, closing: boolean): void {
  const lc = of(env);
  const pending = closing ? lc.closes : lc.polls;
  const once = () => {
    if (pending.delete(once)) callback();
  };
  pending.add(once);
  post(once);
}

/** Marks the instance dead (napi_fatal_error): every later call into it throws `error`. */
export function markDead(env: Env, error: Error): void {
  const lc = of(env);
  env.dead ??= error;
  lc.state = State.Dead;
  live.delete(lc);
  lc.resolve();
}

/** Runs the cleanup hooks of `lcs` in reverse registration order, until none is left. */
function runHooks(lcs: Lifecycle[]): void {
  for (;;) {
    const hooks: [Hook, Lifecycle][] = [];
    for (const lc of lcs) for (const h of lc.hooks) hooks.push([h, lc]);
    if (hooks.length === 0) return;
    hooks.sort((a, b) => b[0].seq - a[0].seq);
    for (const [hook, lc] of hooks) {
      // A hook may remove one that has not run yet.
      if (lc.hooks.delete(hook) && lc.state !== State.Dead) guarded(hook.run);
    }
  }
}

/** Runs one step of a teardown; what it throws is reported, and the teardown goes on. */
function guarded(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reportUncaught(error);
  }
}

function finish(lc: Lifecycle): void {
  if (lc.state === State.Dead) return;
  lc.state = State.Dead;
  live.delete(lc);
  guarded(() => finalizeInstanceData(lc.env));
  lc.env.dead ??= new Error(`${lc.env.name}: the addon was disposed`);
  lc.resolve();
}

/**
 * Ends the addon instance whose exports these are: runs its cleanup hooks,
 * then, once its async cleanup hooks have finished, its instance-data
 * finalizer. Every later call into it throws. The promise resolves when the
 * instance is dead; calling it again returns the same promise.
 */
export function disposeAddon(exports: unknown): Promise<void> {
  const env = (typeof exports === 'object' && exports !== null) || typeof exports === 'function' ? byExports.get(exports) : undefined;
  if (env === undefined) throw new TypeError('disposeAddon: not the exports of an addon loaded by this runtime');
  const lc = of(env);
  if (lc.finished !== undefined) return lc.finished;
  lc.finished = new Promise<void>((resolve) => (lc.resolve = resolve));
  if (lc.state !== State.Live || env.dead !== undefined) {
    lc.resolve();
    return lc.finished;
  }
  lc.state = State.Disposing;
  runHooks([lc]);
  releaseEnv(env);
  return lc.finished;
}

/** Turns of the loop at process exit before giving up on what is pending. */
const EXIT_TURNS = 64;

/**
 * Node's exit: every live instance, hooks in one order; then, as Node's
 * CleanupHandles turns the libuv loop, the pending loop callbacks: uv_async
 * callbacks first, then closing handles, newest first (libuv's order), until
 * nothing is pending; then the teardown, whatever still holds the env.
 */
function teardownAtExit(): void {
  (nodeProcess as NodeProcess).removeListener('exit', teardownAtExit);
  if (!naturalExit) return;
  const lcs = [...live].filter((lc) => lc.state === State.Live);
  for (const lc of lcs) lc.state = State.Disposing;
  for (let turn = 0; turn < EXIT_TURNS; turn++) {
    runHooks(lcs);
    const polls = lcs.flatMap((lc) => [...lc.polls]);
    for (const poll of polls) guarded(poll);
    const closes = lcs.flatMap((lc) => [...lc.closes]).reverse();
    for (const close of closes) guarded(close);
    if (polls.length === 0 && closes.length === 0) break;
  }
  for (const lc of lcs.reverse()) finish(lc);
}
