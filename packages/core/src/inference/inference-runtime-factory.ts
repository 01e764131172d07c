import { context } from '@opentelemetry/api';
import type { Dispatcher } from 'undici';
import type { ResolvedModel } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { PoolExecutor } from '../pool/pool-executor.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { createInferenceInstruments, type InferenceInstruments } from '../telemetry/telemetry-metrics.js';
import { RuntimeStatsTracker, type RuntimeStats, type RuntimeStatsListener, type StatementStatsScope } from '../telemetry/telemetry-runtime-stats.js';
import { AutoExecutor } from './inference-auto-executor.js';
import type { BackoffOptions } from './inference-backoff.js';
import type { TaskExecutor } from './inference-executor.js';
import { InProcessExecutor } from './inference-in-process-executor.js';
import { modelKey } from './inference-model-key.js';
import type { InferenceRuntime, InferenceSession, InvocationConfig } from './inference-runtime.js';
import { LateralInferenceSession } from './inference-session.js';
import { LimiterRegistry } from './pacing/pacing-limiter-registry.js';

/** Where request attempts run. `auto` (the default): in process for small jobs, then the pool. */
export type InferenceExecutionMode = 'pool' | 'in-process' | 'auto';

export interface InferenceRuntimeOptions {
  registry: PluginRegistry;
  mode?: InferenceExecutionMode;
  /** Worker threads of the pool (default: available parallelism, at most 4). */
  poolSize?: number;
  /** Requests one worker runs at once (default 32). */
  concurrentTasksPerWorker?: number;
  /** undici dispatcher for in-process requests (workers use their global dispatcher). */
  dispatcher?: Dispatcher;
  /** URL of the package that provides a provider (its `plugin`), for workers to import. */
  moduleUrlFor?: (providerId: string) => string | undefined;
  /** Milliseconds since the epoch (pacing and stats). */
  now?: () => number;
  /** Retry backoff (base 500 ms, cap 8 s, Math.random); benchmarks and tests may shorten it. */
  backoff?: BackoffOptions;
}

export interface ObservableInferenceRuntime extends InferenceRuntime {
  /** A snapshot of the runtime's counters. */
  readonly stats: RuntimeStats;
  /** Called after every change (keep listeners cheap); returns the unsubscribe function. */
  subscribe(listener: RuntimeStatsListener): () => void;
  /** Counters of their own for one statement, from now until `close()` (the CLI's per-statement progress). */
  openStatementStats(): StatementStatsScope;
}

class LateralInferenceRuntime implements ObservableInferenceRuntime {
  private readonly now: () => number;
  private readonly tracker: RuntimeStatsTracker;
  private readonly instruments: InferenceInstruments;
  private readonly limiters: LimiterRegistry;
  private readonly inProcess: InProcessExecutor;
  private pool: PoolExecutor | undefined;
  private auto: AutoExecutor | undefined;
  private closed = false;

  constructor(private readonly options: InferenceRuntimeOptions) {
    this.now = options.now ?? Date.now;
    this.tracker = new RuntimeStatsTracker(this.now);
    // Instruments come from the global meter provider as it is now: create the runtime after
    // installing an SDK (the CLI does).
    this.instruments = createInferenceInstruments();
    this.limiters = new LimiterRegistry(this.now);
    this.inProcess = new InProcessExecutor({ registry: options.registry, dispatcher: options.dispatcher, now: options.now });
  }

  get stats(): RuntimeStats {
    return this.tracker.snapshot();
  }

  subscribe(listener: RuntimeStatsListener): () => void {
    return this.tracker.subscribe(listener);
  }

  openStatementStats(): StatementStatsScope {
    return this.tracker.openScope();
  }

  openSession(model: ResolvedModel, config: InvocationConfig, signal?: AbortSignal): InferenceSession {
    if (this.closed) throw new LateralError({ code: 'LATERAL_ERR_INTERNAL', message: 'The inference runtime is closed.' });
    const key = modelKey(model);
    // Built on the main thread too: it fails fast on an unknown provider or format, and it knows
    // how many rows one request may carry.
    const invocation = this.inProcess.invocation(model, key);
    const moduleUrl = this.options.moduleUrlFor?.(model.providerId);
    return new LateralInferenceSession({
      model,
      modelKey: key,
      moduleUrl,
      config,
      maxRowsPerRequest: invocation.maxRowsPerRequest,
      batchOnRequest: invocation.batchOnRequest,
      signal,
      limiter: this.limiters.forModel(model),
      executor: this.executorFor(moduleUrl, invocation.provider.capabilities?.preferInProcess === true),
      stats: this.tracker,
      instruments: this.instruments,
      parentContext: context.active(),
      backoff: this.options.backoff ?? {},
      now: this.now,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.inProcess.close(), this.pool?.close(), this.limiters.close()]);
  }

  /**
   * A provider the workers cannot import (no module URL) runs in process whatever the mode; one
   * that prefers it (a large in-memory model per worker) runs in process under `auto`.
   */
  private executorFor(moduleUrl: string | undefined, preferInProcess: boolean): TaskExecutor {
    const mode = this.options.mode ?? 'auto';
    if (mode === 'in-process' || moduleUrl === undefined) return this.inProcess;
    if (mode === 'auto' && preferInProcess) return this.inProcess;
    this.pool ??= new PoolExecutor({ poolSize: this.options.poolSize, concurrentTasksPerWorker: this.options.concurrentTasksPerWorker });
    if (mode === 'pool') return this.pool;
    this.auto ??= new AutoExecutor(this.inProcess, this.pool);
    return this.auto;
  }
}

/** The kernel's inference runtime: worker pool, pacing, retries, batching, ordering, telemetry. */
export function createInferenceRuntime(options: InferenceRuntimeOptions): ObservableInferenceRuntime {
  return new LateralInferenceRuntime(options);
}
