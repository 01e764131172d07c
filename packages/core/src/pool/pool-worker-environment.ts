import type { LateralPluginV1 } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import type { InferenceTask, TaskOutcome } from '../inference/inference-task.js';
import { runInferenceTask, type InvocationSource } from '../inference/inference-task-handler.js';
import { prepareInvocation, type ModelInvocation } from '../inference/model-invocation.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { CancelListener } from './pool-cancel-channel.js';
import { corePlugins } from './pool-core-plugins.js';
import { importModule } from './pool-module-import.js';

/** What a pool task carries besides the InferenceTask: the name of the cancellation channel. */
export interface PoolTask extends InferenceTask {
  cancelChannel: string;
}

/**
 * A worker's own kernel: a PluginRegistry with core's built-in plugins and the provider plugins
 * its tasks name (imported from their module URL once), and one ModelInvocation per model key.
 * The undici global dispatcher serves every request: endpoints are real URLs.
 */
export class PoolWorkerEnvironment implements InvocationSource {
  private readonly registry = new PluginRegistry();
  private coreRegistered = false;
  private readonly modules = new Map<string, Promise<void>>();
  private readonly invocations = new Map<string, Promise<ModelInvocation>>();
  private readonly listeners = new Map<string, CancelListener>();

  async run(task: PoolTask): Promise<TaskOutcome> {
    const cancellation = this.listener(task.cancelChannel).open(task.sessionId);
    try {
      return await runInferenceTask(this, task, cancellation.signal);
    } finally {
      cancellation.close();
    }
  }

  invocationFor(task: InferenceTask): Promise<ModelInvocation> {
    let invocation = this.invocations.get(task.modelKey);
    if (!invocation) {
      invocation = this.prepare(task);
      this.invocations.set(task.modelKey, invocation);
      // A failed preparation (unknown provider) is not cached: the next task reports it again.
      invocation.catch(() => this.invocations.delete(task.modelKey));
    }
    return invocation;
  }

  private async prepare(task: InferenceTask): Promise<ModelInvocation> {
    if (!this.coreRegistered) {
      corePlugins().forEach((plugin) => this.registry.registerPlugin(plugin));
      this.coreRegistered = true;
    }
    if (task.moduleUrl) await this.loadProvider(task.moduleUrl, task.model.providerId);
    return prepareInvocation(this.registry, task.model, {});
  }

  private loadProvider(moduleUrl: string, providerId: string): Promise<void> {
    let loading = this.modules.get(moduleUrl);
    if (!loading) {
      loading = importModule(moduleUrl).then((imported) => {
        const module = imported as { plugin?: LateralPluginV1 };
        if (!module.plugin) {
          throw new LateralError({
            code: 'LATERAL_ERR_PLUGIN_INVALID',
            message: `The module of provider '${providerId}' exports no \`plugin\`.`,
          });
        }
        if (!this.registry.provider(providerId)) this.registry.registerPlugin(module.plugin);
      });
      this.modules.set(moduleUrl, loading);
      loading.catch(() => this.modules.delete(moduleUrl));
    }
    return loading;
  }

  private listener(name: string): CancelListener {
    let listener = this.listeners.get(name);
    if (!listener) {
      listener = new CancelListener(name);
      this.listeners.set(name, listener);
    }
    return listener;
  }
}
