// The realm-wide queue of macrotasks through which the runtime calls addons
// from the host's event loop: async work, threadsafe-function calls, libuv
// callbacks. Tasks run in the order they were posted, one per macrotask, so
// the host drains microtasks after each one (as Node does after each async
// work complete and each call_js) and timers, I/O and rendering get their
// turn in between. Only one macrotask is pending at a time.
//
// The macrotask comes from setImmediate where there is one (Node, Bun), else
// a MessageChannel (browsers, Deno, workerd; closed whenever the queue is
// empty so that it never keeps a process alive), else setTimeout(0).

type Task = () => void;

interface Port {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

const host = globalThis as {
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => { port1: Port; port2: Port };
  setTimeout: (fn: () => void, ms: number) => unknown;
};

const queue: (Task | undefined)[] = [];
let head = 0;
let armed = false;
let channel: { port1: Port; port2: Port } | undefined;

function arm(): void {
  armed = true;
  if (host.setImmediate !== undefined) host.setImmediate(runOne);
  else if (host.MessageChannel !== undefined) {
    if (channel === undefined) {
      channel = new host.MessageChannel();
      channel.port1.onmessage = runOne;
    }
    channel.port2.postMessage(null);
  } else host.setTimeout(runOne, 0);
}

function runOne(): void {
  armed = false;
  const task = queue[head]!;
  queue[head++] = undefined;
  if (head === queue.length) {
    queue.length = 0;
    head = 0;
    if (channel !== undefined) {
      channel.port1.close();
      channel.port2.close();
      channel = undefined;
    }
  } else {
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    arm(); // before running: a task that throws must not stall the queue
  }
  task();
}

/** Runs `task` in a later macrotask, after every task posted before it. */
export function post(task: Task): void {
  queue.push(task);
  if (!armed) arm();
}
