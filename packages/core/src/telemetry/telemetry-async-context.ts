import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * The smallest AsyncLocalStorage context manager, for worker threads: the CLI installs the SDK
 * (and its context manager) on the main thread only, and without one `context.with` does nothing,
 * so code a worker runs for a task would not see the request's trace context.
 */
export class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(active, () => fn.apply(thisArg, args));
  }

  bind<T>(active: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const storage = this.storage;
    const bound = function (this: unknown, ...args: unknown[]) {
      return storage.run(active, () => (target as (...a: unknown[]) => unknown).apply(this, args));
    };
    return bound as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

/** Installs the manager unless this thread already has one (returns whether it did). */
export function ensureContextManager(): boolean {
  return context.setGlobalContextManager(new AsyncLocalContextManager());
}
