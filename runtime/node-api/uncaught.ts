// Reporting an exception no JS code can catch (napi_fatal_exception, a throw
// from an async work's complete callback, a trap in an event-loop callback)
// the way the host reports uncaught errors:
//   - Node: 'uncaughtExceptionMonitor' and 'uncaughtException' are emitted
//     before the call returns, as Node's TriggerUncaughtException does; with
//     no 'uncaughtException' listener the error is rethrown from a microtask,
//     so Node prints it and exits as it would natively;
//   - elsewhere: reportError (the global 'error' event), or an ErrorEvent
//     dispatched on the global scope, or a rethrow from a microtask.

interface NodeProcess {
  listenerCount(event: string): number;
  emit(event: string, ...args: unknown[]): boolean;
  emitWarning?(warning: string, type: string, code: string): void;
}

const g = globalThis as {
  process?: Partial<NodeProcess>;
  reportError?: (error: unknown) => void;
  dispatchEvent?: (event: Event) => boolean;
  ErrorEvent?: new (type: string, init: { error: unknown; message: string }) => Event;
};

function nodeProcess(): NodeProcess | undefined {
  const p = g.process;
  return typeof p?.emit === 'function' && typeof p.listenerCount === 'function' ? (p as NodeProcess) : undefined;
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export function reportUncaught(error: unknown): void {
  const p = nodeProcess();
  if (p !== undefined) {
    if (p.listenerCount('uncaughtException') === 0) return rethrowLater(error);
    p.emit('uncaughtExceptionMonitor', error, 'uncaughtException');
    p.emit('uncaughtException', error, 'uncaughtException');
  } else if (typeof g.reportError === 'function') {
    g.reportError(error);
  } else if (typeof g.dispatchEvent === 'function' && typeof g.ErrorEvent === 'function') {
    const message = String((error as { message?: unknown } | null)?.message ?? error);
    g.dispatchEvent(new g.ErrorEvent('error', { error, message }));
  } else {
    rethrowLater(error);
  }
}

const DEP0168 =
  'Uncaught N-API callback exception detected, please run node with option ' +
  '--force-node-api-uncaught-exceptions-policy=true to handle those exceptions properly.';

/**
 * A throw from a threadsafe function's call_js: Node 20 only warns (DEP0168)
 * and drops the exception, unless the module was built for
 * NAPI_VERSION_EXPERIMENTAL, where it is reported as uncaught.
 */
export function reportCallbackException(error: unknown, strict: boolean): void {
  if (strict) return reportUncaught(error);
  const p = g.process;
  if (typeof p?.emitWarning === 'function') p.emitWarning(DEP0168, 'DeprecationWarning', 'DEP0168');
  else console.warn(`DeprecationWarning: ${DEP0168}`, error);
}
