// Keeping Node's event loop alive while something the addon owns would keep
// it alive natively (a threadsafe function that is ref'd holds its uv_async
// handle open). One long interval timer is kept for all holders together, ref'd
// while there is at least one. Hosts whose timers have no ref/unref (browsers,
// Deno, workerd) get nothing: the first timer made there is cleared at once.

interface NodeTimer {
  ref(): unknown;
  unref(): unknown;
}

const HOLD_MS = 0x7fffffff;
let holders = 0;
let timer: NodeTimer | undefined;
let unsupported = false;

function noop(): void {}

export function holdEventLoop(): void {
  if (holders++ !== 0 || unsupported) return;
  if (timer === undefined) {
    const t = setInterval(noop, HOLD_MS) as unknown as Partial<NodeTimer>;
    if (typeof t.ref !== 'function' || typeof t.unref !== 'function') {
      clearInterval(t as unknown as number);
      unsupported = true;
      return;
    }
    timer = t as NodeTimer;
  }
  timer.ref();
}

export function releaseEventLoop(): void {
  if (--holders === 0 && timer !== undefined) timer.unref();
}
