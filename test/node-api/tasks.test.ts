// The runtime's macrotask queue on each host's scheduler: setImmediate
// (Node), MessageChannel (browsers, Deno, workerd), setTimeout.
import { afterEach, describe, expect, it } from 'vitest';
import { post } from '../../runtime/node-api/tasks.js';

const g = globalThis as Record<string, unknown>;
const saved = { setImmediate: g.setImmediate, MessageChannel: g.MessageChannel };

/** Posts three tasks that each queue a microtask; resolves with the log. */
function run(): Promise<string[]> {
  const log: string[] = [];
  return new Promise((resolve) => {
    for (const i of [1, 2, 3]) {
      post(() => {
        log.push(`task ${i}`);
        void Promise.resolve().then(() => {
          log.push(`microtask ${i}`);
          if (i === 3) resolve(log);
        });
      });
    }
    log.push('posted');
  });
}

const EXPECTED = ['posted', 'task 1', 'microtask 1', 'task 2', 'microtask 2', 'task 3', 'microtask 3'];

describe('the task queue', () => {
  afterEach(() => Object.assign(g, saved));

  it('setImmediate: tasks in order, one per macrotask', async () => {
    expect(await run()).toEqual(EXPECTED);
  });

  it('MessageChannel where there is no setImmediate', async () => {
    let channels = 0;
    const Real = saved.MessageChannel as new () => object;
    g.setImmediate = undefined;
    g.MessageChannel = class extends Real {
      constructor() {
        super();
        channels++;
      }
    };
    expect(await run()).toEqual(EXPECTED);
    expect(await run()).toEqual(EXPECTED);
    expect(channels).toBe(2); // closed when the queue ran empty, made again
  });

  it('setTimeout when there is neither', async () => {
    g.setImmediate = undefined;
    g.MessageChannel = undefined;
    expect(await run()).toEqual(EXPECTED);
  });
});
