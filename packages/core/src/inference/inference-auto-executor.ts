import type { TaskExecutor } from './inference-executor.js';
import type { InferenceTask, TaskOutcome } from './inference-task.js';

/** Requests of a model measured in process before `auto` may move it to the pool. */
export const AUTO_SAMPLE_REQUESTS = 16;
/** Main-thread work per request (encode, decode, token counts) above which the pool pays off. */
export const AUTO_POOL_CPU_MS = 4;

interface ModelCost {
  samples: number[];
  /** Decided once from the median of the samples: a busy machine's stray slow request can't flip it. */
  usePool?: boolean;
}

/**
 * `auto` mode: requests run in process unless a model's requests cost the main thread real CPU.
 * A thread hop (structured clone both ways) costs a fraction of a millisecond and every worker
 * holds its own copy of the provider, formats and tokenizer, so for ordinary requests, which
 * wait on the network, the pool costs more than it saves (measured by benchmarks/engine-overhead:
 * about 0.5 ms of CPU per row in process against 0.9 ms through the pool, and twice the memory).
 * Large batches are different: decoding 2,048 embeddings of 1,536 floats is tens of
 * milliseconds of JSON, which the pool spreads over cores. So each model is measured for its
 * first requests; when the median of their encode + decode time is AUTO_POOL_CPU_MS or more, the
 * model's further requests go to the pool. (The time is wall-clock on the main thread, so the
 * median, not the mean, keeps preemption on a loaded machine from moving a cheap model.) Providers without a module URL (registered by hand) always
 * run in process.
 */
export class AutoExecutor implements TaskExecutor {
  readonly kind = 'auto';
  private readonly costs = new Map<string, ModelCost>();

  constructor(
    private readonly inProcess: TaskExecutor,
    private readonly pool: TaskExecutor,
    private readonly options: { sampleRequests?: number; poolCpuMs?: number } = {},
  ) {}

  async run(task: InferenceTask, signal: AbortSignal): Promise<TaskOutcome> {
    if (this.usePool(task)) return this.pool.run(task, signal);
    const outcome = await this.inProcess.run(task, signal);
    if (outcome.ok && outcome.cpuMs !== undefined) this.measure(task.modelKey, outcome.cpuMs);
    return outcome;
  }

  cancelSession(sessionId: string): void {
    this.inProcess.cancelSession(sessionId);
    this.pool.cancelSession(sessionId);
  }

  async close(): Promise<void> {
    await Promise.all([this.inProcess.close(), this.pool.close()]);
  }

  private usePool(task: InferenceTask): boolean {
    if (task.moduleUrl === undefined) return false;
    return this.costs.get(task.modelKey)?.usePool ?? false;
  }

  private measure(key: string, cpuMs: number): void {
    let cost = this.costs.get(key);
    if (!cost) {
      cost = { samples: [] };
      this.costs.set(key, cost);
    }
    if (cost.usePool !== undefined) return;
    cost.samples.push(cpuMs);
    if (cost.samples.length < (this.options.sampleRequests ?? AUTO_SAMPLE_REQUESTS)) return;
    const sorted = [...cost.samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    cost.usePool = median >= (this.options.poolCpuMs ?? AUTO_POOL_CPU_MS);
    cost.samples = [];
  }
}
