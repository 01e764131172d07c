import { BroadcastChannel } from 'node:worker_threads';

interface CancelMessage {
  sessionId: string;
}

/** How many cancelled sessions a worker remembers, for tasks that arrive after their cancellation. */
const REMEMBERED_SESSIONS = 1024;

/**
 * Cancels a session's tasks in every worker. Piscina's own AbortSignal support terminates the
 * worker when a running task is aborted, which would also kill other sessions' requests on it, so
 * cancellation is a broadcast instead: each worker aborts the session's in-flight requests and
 * refuses its tasks that are still queued.
 */
export class CancelBroadcaster {
  private readonly channel: BroadcastChannel;

  constructor(readonly name: string) {
    this.channel = new BroadcastChannel(name);
    this.channel.unref();
  }

  cancel(sessionId: string): void {
    this.channel.postMessage({ sessionId } satisfies CancelMessage);
  }

  close(): void {
    this.channel.close();
  }
}

/** The worker's side: one AbortController per running task, grouped by session. */
export class CancelListener {
  private readonly channel: BroadcastChannel;
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly cancelled = new Set<string>();

  constructor(name: string) {
    this.channel = new BroadcastChannel(name);
    this.channel.unref();
    this.channel.onmessage = (event: unknown) => {
      const data = (event as { data?: CancelMessage }).data;
      if (data && typeof data.sessionId === 'string') this.cancelSession(data.sessionId);
    };
  }

  /** A signal for one task; already aborted when its session was cancelled before it arrived. */
  open(sessionId: string): { signal: AbortSignal; close(): void } {
    const controller = new AbortController();
    if (this.cancelled.has(sessionId)) controller.abort();
    let tasks = this.running.get(sessionId);
    if (!tasks) {
      tasks = new Set();
      this.running.set(sessionId, tasks);
    }
    tasks.add(controller);
    return {
      signal: controller.signal,
      close: () => {
        const set = this.running.get(sessionId);
        set?.delete(controller);
        if (set?.size === 0) this.running.delete(sessionId);
      },
    };
  }

  private cancelSession(sessionId: string): void {
    this.cancelled.add(sessionId);
    if (this.cancelled.size > REMEMBERED_SESSIONS) {
      const oldest = this.cancelled.values().next().value;
      if (oldest !== undefined) this.cancelled.delete(oldest);
    }
    for (const controller of this.running.get(sessionId) ?? []) controller.abort();
  }
}
