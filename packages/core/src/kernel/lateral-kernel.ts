import { inject, injectable } from 'tsyringe';
import { Engine } from '../engine/engine.js';
import type { PluginLoader } from '../engine/plugin-loader.js';
import type { InferenceRuntime } from '../inference/inference-runtime.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { TOKENS } from '../tokens.js';

/**
 * The kernel as one injectable service: it opens engines on the container's registry, loader
 * and runtime, and closes the runtime (worker threads, timers) when the host is done.
 */
@injectable()
export class LateralKernel {
  constructor(
    @inject(TOKENS.Registry) readonly registry: PluginRegistry,
    @inject(TOKENS.PluginLoader) readonly pluginLoader: PluginLoader,
    @inject(TOKENS.InferenceRunner) readonly inference: InferenceRuntime,
    @inject(TOKENS.DataDir) readonly dataDir: string,
    @inject(TOKENS.Environment) readonly environment: Record<string, string | undefined>,
  ) {}

  openEngine(signal?: AbortSignal): Promise<Engine> {
    return Engine.open({
      dataDir: this.dataDir,
      registry: this.registry,
      inference: this.inference,
      environment: this.environment,
      pluginLoader: this.pluginLoader,
      ...(signal ? { signal } : {}),
    });
  }

  close(): Promise<void> {
    return this.inference.close();
  }
}
