import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { maskAndTruncate } from '@lateral/spec';
import type { TaskExecutor } from '../inference/inference-executor.js';
import type { InferenceTask, TaskOutcome } from '../inference/inference-task.js';
import { rowStrings } from '../inference/inference-token-estimator.js';
import { CancelBroadcaster } from './pool-cancel-channel.js';
import type { PoolTask } from './pool-worker-environment.js';

export interface PoolExecutorOptions {
  /** Worker threads (default: available parallelism, at most 4). */
  poolSize?: number;
  /** Requests one worker runs at once (default 32): requests wait on I/O, so one thread serves many. */
  concurrentTasksPerWorker?: number;
}

export const DEFAULT_CONCURRENT_TASKS_PER_WORKER = 32;

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The compiled worker sits next to this file in dist. Running from sources (vitest, tsx), only the
 * .ts exists and Node 20 cannot strip types itself, so the worker loads it through tsx.
 */
function workerFile(): { filename: string; execArgv?: string[] } {
  const compiled = new URL('./pool-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { filename: compiled.href };
  return { filename: new URL('./pool-worker.ts', import.meta.url).href, execArgv: ['--import', 'tsx'] };
}

/**
 * Runs attempts in piscina worker threads. The pool starts on first use. A worker that dies
 * (process.exit, an uncaught error) fails its tasks with LATERAL_ERR_WORKER_CRASHED: piscina
 * rejects them and replaces the worker, so nothing hangs.
 */
export class PoolExecutor implements TaskExecutor {
  readonly kind = 'pool';
  private pool: Piscina | undefined;
  private readonly cancellation = new CancelBroadcaster(`lateral-cancel-${randomUUID()}`);

  constructor(private readonly options: PoolExecutorOptions = {}) {}

  async run(task: InferenceTask, signal: AbortSignal): Promise<TaskOutcome> {
    if (signal.aborted) return { ok: false, error: { kind: 'aborted' }, durationMs: 0 };
    const poolTask: PoolTask = { ...task, preciseTokens: true, cancelChannel: this.cancellation.name };
    try {
      return (await this.ensurePool().run(poolTask)) as TaskOutcome;
    } catch (error) {
      if (signal.aborted) return { ok: false, error: { kind: 'aborted' }, durationMs: 0 };
      return crashed(task, error);
    }
  }

  cancelSession(sessionId: string): void {
    if (this.pool) this.cancellation.cancel(sessionId);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.cancellation.close();
    await pool?.destroy();
  }

  private ensurePool(): Piscina {
    if (this.pool) return this.pool;
    const size = Math.max(1, this.options.poolSize ?? defaultPoolSize());
    const pool = new Piscina({
      ...workerFile(),
      minThreads: size,
      maxThreads: size,
      concurrentTasksPerWorker: Math.max(1, this.options.concurrentTasksPerWorker ?? DEFAULT_CONCURRENT_TASKS_PER_WORKER),
      idleTimeout: 60_000,
    });
    // A worker that dies with no task running emits 'error' on the pool; its replacement is
    // already started and nothing waits on it, so there is nothing to fail.
    pool.on('error', () => undefined);
    this.pool = pool;
    return pool;
  }
}

function crashed(task: InferenceTask, error: unknown): TaskOutcome {
  const sensitive = [...Object.values(task.model.connection?.secrets ?? {}), ...rowStrings(task.rows)];
  const reason = maskAndTruncate(error instanceof Error ? error.message : String(error), sensitive, 300);
  return {
    ok: false,
    error: {
      kind: 'lateral',
      error: {
        code: 'LATERAL_ERR_WORKER_CRASHED',
        message: `A worker thread died while calling provider '${task.model.providerId}' (${reason}).`,
      },
    },
    durationMs: 0,
  };
}
