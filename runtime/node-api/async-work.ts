// napi_create/delete/queue/cancel_async_work on one thread.
//
// A queued work runs in a task of its own (tasks.ts): execute, then complete.
// Several works run one per macrotask, in the order they were queued, and
// the host drains microtasks after each complete as Node does. So execute
// runs on the JS thread after the call that queued it has returned, and the
// JS thread is blocked only while one execute runs. A work cancelled before
// its turn gets only its complete, with napi_cancelled, at that turn. An
// exception complete leaves pending is reported as uncaught (uncaught.ts), as
// Node does. uv_queue_work (napi-shims/uv) queues the same kind of work
// through the napi_wasm imports (uv.ts).

import { NO_ENV, S, invalidArg, outI32 } from '../api/common.js';
import { ENV_POINTER, type Env } from '../env.js';
import { NO_EXCEPTION, callIntoModule } from '../callbacks.js';
import { isLive } from './lifecycle.js';
import { checkAsyncResource } from './resource.js';
import { post } from './tasks.js';
import { reportUncaught } from './uncaught.js';

const enum State {
  Idle,
  Queued,
  Cancelled,
  Running,
}

interface Work {
  execute: number;
  complete: number;
  data: number;
  state: State;
  /** Forgotten once it has run (uv_queue_work's). */
  oneShot: boolean;
}

/** One env's async work items; napi_async_work values are their ids. */
export class AsyncWorks {
  private readonly works = new Map<number, Work>();
  private nextId = 1;

  constructor(private readonly env: Env) {}

  create(execute: number, complete: number, data: number, oneShot: boolean): number {
    const id = this.nextId++;
    this.works.set(id, { execute, complete, data, state: State.Idle, oneShot });
    return id;
  }

  has(id: number): boolean {
    return this.works.has(id);
  }

  delete(id: number): void {
    this.works.delete(id);
  }

  /** False when the work is already queued or running. */
  queue(id: number): boolean {
    const work = this.works.get(id)!;
    if (work.state !== State.Idle) return false;
    work.state = State.Queued;
    post(() => this.run(id, work));
    return true;
  }

  /** False when the work is not waiting for its turn (running, done, never queued). */
  cancel(id: number): boolean {
    const work = this.works.get(id);
    if (work?.state !== State.Queued) return false;
    work.state = State.Cancelled;
    return true;
  }

  private run(id: number, work: Work): void {
    const env = this.env;
    if (this.works.get(id) !== work || !isLive(env)) return; // deleted, or the env is ending
    const cancelled = work.state === State.Cancelled;
    work.state = State.Running;
    try {
      if (!cancelled) report(callIntoModule(env, 'napi_async_execute_callback', work.execute, ENV_POINTER, work.data));
      work.state = State.Idle; // complete may queue it again, or delete it
      if (work.oneShot) this.works.delete(id);
      if (work.complete !== 0) {
        const status = cancelled ? S.cancelled : S.ok;
        report(callIntoModule(env, 'napi_async_complete_callback', work.complete, ENV_POINTER, status, work.data));
      }
    } catch (error) {
      work.state = State.Idle;
      reportUncaught(error);
    }
  }
}

function report(exception: unknown): void {
  if (exception !== NO_EXCEPTION) reportUncaught(exception);
}

export function asyncWorkApi(env: Env, works: AsyncWorks) {
  /** CHECK_ENV and CHECK_ARG(work), and the work must exist. */
  function known(e: number, work: number): number {
    if (e === 0) return NO_ENV;
    if (work === 0 || !works.has(work)) return invalidArg(env);
    return S.ok;
  }

  return {
    napi_create_async_work(
      e: number,
      resource: number,
      name: number,
      execute: number,
      complete: number,
      data: number,
      result: number,
    ): number {
      if (e === 0) return NO_ENV;
      if (execute === 0 || result === 0) return invalidArg(env);
      const s = checkAsyncResource(env, resource, name);
      if (s !== S.ok) return s;
      outI32(env, result, works.create(execute, complete, data, false));
      return env.ok();
    },

    napi_delete_async_work(e: number, work: number): number {
      const s = known(e, work);
      if (s !== S.ok) return s;
      works.delete(work);
      return env.ok();
    },

    napi_queue_async_work(e: number, work: number): number {
      const s = known(e, work);
      if (s !== S.ok) return s;
      return works.queue(work) ? env.ok() : env.setStatus(S.generic_failure);
    },

    /** libuv's uv_cancel: only a work still waiting for its turn can be cancelled. */
    napi_cancel_async_work(e: number, work: number): number {
      const s = known(e, work);
      if (s !== S.ok) return s;
      return works.cancel(work) ? env.ok() : env.setStatus(S.generic_failure);
    },
  };
}
