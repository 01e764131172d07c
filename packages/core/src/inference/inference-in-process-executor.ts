import type { Dispatcher } from 'undici';
import type { ResolvedModel } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { TaskExecutor } from './inference-executor.js';
import type { InferenceTask, TaskOutcome } from './inference-task.js';
import { runInferenceTask, type InvocationSource } from './inference-task-handler.js';
import { prepareInvocation, type ModelInvocation } from './model-invocation.js';

export interface InProcessExecutorOptions {
  registry: PluginRegistry;
  dispatcher?: Dispatcher;
  now?: () => number;
}

/**
 * Runs attempts on the main thread with the engine's own registry: the same code path as a pool
 * worker, without threads. Tests inject an undici dispatcher here.
 */
export class InProcessExecutor implements TaskExecutor, InvocationSource {
  readonly kind = 'in-process';
  private readonly invocations = new Map<string, ModelInvocation>();

  constructor(private readonly options: InProcessExecutorOptions) {}

  async invocationFor(task: InferenceTask): Promise<ModelInvocation> {
    return this.invocation(task.model, task.modelKey);
  }

  /** Builds (once per model key) the live objects; throws when the provider or a format is unknown. */
  invocation(model: ResolvedModel, key: string): ModelInvocation {
    let invocation = this.invocations.get(key);
    if (!invocation) {
      invocation = prepareInvocation(this.options.registry, model, { dispatcher: this.options.dispatcher, now: this.options.now });
      this.invocations.set(key, invocation);
    }
    return invocation;
  }

  run(task: InferenceTask, signal: AbortSignal): Promise<TaskOutcome> {
    return runInferenceTask(this, task, signal);
  }

  /** In-process attempts share the session's AbortSignal, which already cancels them. */
  cancelSession(): void {}

  async close(): Promise<void> {
    const invocations = [...this.invocations.values()];
    this.invocations.clear();
    await Promise.all(invocations.map((invocation) => invocation.transport.close?.().catch(() => undefined)));
  }
}
