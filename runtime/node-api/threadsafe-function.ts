// Threadsafe functions on one thread. Every "thread" is the JS thread, so a
// call only queues its data; the queue is dispatched from tasks (tasks.ts),
// one call_js per macrotask, with microtasks drained after each as in Node.
// The state machine follows Node's ThreadSafeFunction (node_api.cc): thread
// count, closing, abort, the finalizer, then call_js(env = NULL) for the
// items still queued.
//
// A blocking call on a full queue would wait for the JS thread to drain it,
// which can never happen while that same thread waits: it returns
// napi_would_deadlock instead (Node-API says to call non-blocking from the
// main thread; Node itself would hang). While ref'd and open, a threadsafe
// function keeps Node's event loop alive (keep-alive.ts).

import { NO_ENV, S, invalidArg, outI32 } from '../api/common.js';
import { ENV_POINTER, type Env } from '../env.js';
import { NO_EXCEPTION, callIntoModule } from '../callbacks.js';
import { holdEventLoop, releaseEventLoop } from './keep-alive.js';
import { addCleanupHook, holdEnv, isRunning, postLoopCallback, releaseEnv, removeCleanupHook } from './lifecycle.js';
import { checkAsyncResource } from './resource.js';
import { post } from './tasks.js';
import { reportCallbackException, reportUncaught } from './uncaught.js';

const TSFN_BLOCKING = 1;
const TSFN_ABORT = 1;
/** NAPI_VERSION_EXPERIMENTAL: modules built for it get exceptions from call_js reported as uncaught. */
const NAPI_VERSION_EXPERIMENTAL = 2147483647;

/** A FIFO of the data pointers calls queued. */
class Queue {
  private items: number[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(data: number): void {
    this.items.push(data);
  }

  shift(): number {
    const data = this.items[this.head++]!;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return data;
  }
}

class ThreadsafeFunction {
  readonly queue = new Queue();
  closing = false;
  handlesClosing = false;
  dispatchPending = false;
  refd = true;
  readonly hook;

  constructor(
    readonly env: Env,
    readonly id: number,
    readonly func: Function | undefined,
    readonly context: number,
    readonly callJs: number,
    readonly finalize: number,
    readonly finalizeData: number,
    readonly maxQueueSize: number,
    public threadCount: number,
    private readonly forget: (id: number) => void,
  ) {
    this.hook = addCleanupHook(env, () => {
      this.closing = true;
      this.closeHandles();
    });
    holdEnv(env);
    holdEventLoop();
  }

  push(data: number, mode: number): number {
    if (this.maxQueueSize > 0 && this.queue.length >= this.maxQueueSize && !this.closing) {
      return mode === TSFN_BLOCKING ? S.would_deadlock : S.queue_full;
    }
    if (this.closing) {
      if (this.threadCount === 0) return S.invalid_arg;
      this.threadCount--;
      return S.closing;
    }
    this.queue.push(data);
    this.send();
    return S.ok;
  }

  acquire(): number {
    if (this.closing) return S.closing;
    this.threadCount++;
    return S.ok;
  }

  release(mode: number): number {
    if (this.threadCount === 0) return S.invalid_arg;
    this.threadCount--;
    if ((this.threadCount === 0 || mode === TSFN_ABORT) && !this.closing) {
      this.closing = mode === TSFN_ABORT;
      this.send();
    }
    return S.ok;
  }

  setRef(refd: boolean): void {
    if (refd === this.refd || this.handlesClosing) return;
    this.refd = refd;
    if (refd) holdEventLoop();
    else releaseEventLoop();
  }

  private send(): void {
    if (this.dispatchPending) return;
    this.dispatchPending = true;
    post(() => this.dispatch());
  }

  /** Node's DispatchOne; one per task. */
  private dispatch(): void {
    this.dispatchPending = false;
    if (!isRunning(this.env)) return;
    let popped = false;
    let data = 0;
    if (this.closing) {
      this.closeHandles();
    } else {
      if (this.queue.length > 0) {
        data = this.queue.shift();
        popped = true;
      }
      if (this.queue.length > 0) this.send();
      else if (this.threadCount === 0) {
        this.closing = true;
        this.closeHandles();
      }
    }
    if (popped) this.call(data);
  }

  private call(data: number): void {
    const env = this.env;
    if (this.callJs === 0) return this.callDefault();
    const handles = env.handles;
    const base = handles.top;
    try {
      const fn = this.func === undefined ? 0 : handles.push(this.func);
      const exception = callIntoModule(env, 'napi_threadsafe_function_call_js', this.callJs, ENV_POINTER, fn, this.context, data);
      if (exception !== NO_EXCEPTION) reportCallbackException(exception, this.strict());
    } catch (error) {
      reportUncaught(error);
    } finally {
      handles.resetTo(base);
    }
  }

  /** Node's CallJs when there is no call_js: the function, with no arguments. */
  private callDefault(): void {
    try {
      this.func!.call(undefined);
    } catch (error) {
      reportCallbackException(error, this.strict());
    }
  }

  /** Exceptions from call_js and the finalizer are uncaught exceptions, not warnings. */
  private strict(): boolean {
    return this.env.moduleApiVersion === NAPI_VERSION_EXPERIMENTAL;
  }

  private closeHandles(): void {
    if (this.handlesClosing) return;
    this.handlesClosing = true;
    postLoopCallback(this.env, () => this.finalizeAndDelete(), true);
  }

  /** The finalizer first, then call_js(NULL, NULL, context, data) for each item left. */
  private finalizeAndDelete(): void {
    const env = this.env;
    try {
      if (this.finalize !== 0 && isRunning(env)) {
        const exception = callIntoModule(env, 'napi_finalize', this.finalize, ENV_POINTER, this.finalizeData, this.context);
        if (exception !== NO_EXCEPTION) reportCallbackException(exception, this.strict());
      }
      while (this.callJs !== 0 && this.queue.length > 0 && isRunning(env)) {
        callIntoModule(env, 'napi_threadsafe_function_call_js', this.callJs, 0, 0, this.context, this.queue.shift());
      }
    } catch (error) {
      reportUncaught(error);
    } finally {
      this.forget(this.id);
      removeCleanupHook(env, this.hook);
      if (this.refd) releaseEventLoop();
      releaseEnv(env);
    }
  }
}

export function threadsafeFunctionApi(env: Env) {
  const values = env.handles.values;
  const all = new Map<number, ThreadsafeFunction>();
  let nextId = 1;
  const forget = (id: number) => all.delete(id);

  return {
    napi_create_threadsafe_function(
      e: number,
      func: number,
      resource: number,
      name: number,
      maxQueueSize: number,
      initialThreadCount: number,
      finalizeData: number,
      finalize: number,
      context: number,
      callJs: number,
      result: number,
    ): number {
      if (e === 0) return NO_ENV;
      if (name === 0 || initialThreadCount === 0 || result === 0) return invalidArg(env);
      const fn = func === 0 ? undefined : values[func];
      if (func === 0 ? callJs === 0 : typeof fn !== 'function') return invalidArg(env);
      const s = checkAsyncResource(env, resource, name);
      if (s !== S.ok) return s;
      const id = nextId++;
      const t = new ThreadsafeFunction(
        env,
        id,
        fn as Function | undefined,
        context,
        callJs,
        finalize,
        finalizeData,
        maxQueueSize >>> 0,
        initialThreadCount >>> 0,
        forget,
      );
      all.set(id, t);
      outI32(env, result, id);
      return env.ok();
    },

    // These may be called from any thread in Node, so they take no env and
    // leave the last error alone.
    napi_get_threadsafe_function_context(func: number, result: number): number {
      const t = all.get(func);
      if (t === undefined || result === 0) return S.invalid_arg;
      outI32(env, result, t.context);
      return S.ok;
    },

    napi_call_threadsafe_function(func: number, data: number, mode: number): number {
      return all.get(func)?.push(data, mode) ?? S.invalid_arg;
    },

    napi_acquire_threadsafe_function(func: number): number {
      return all.get(func)?.acquire() ?? S.invalid_arg;
    },

    napi_release_threadsafe_function(func: number, mode: number): number {
      return all.get(func)?.release(mode) ?? S.invalid_arg;
    },

    napi_unref_threadsafe_function(_e: number, func: number): number {
      const t = all.get(func);
      if (t === undefined) return S.invalid_arg;
      t.setRef(false);
      return S.ok;
    },

    napi_ref_threadsafe_function(_e: number, func: number): number {
      const t = all.get(func);
      if (t === undefined) return S.invalid_arg;
      t.setRef(true);
      return S.ok;
    },
  };
}
