import type { Catalog } from '../catalog/catalog.js';
import type { InferenceRuntime } from '../inference/inference-runtime.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/** Everything a statement needs while it runs. */
export interface EngineContext {
  catalog: Catalog;
  registry: PluginRegistry;
  inference: InferenceRuntime;
  dataDir: string;
  /** Session settings from `SET 'k' = 'v'`. */
  settings: Map<string, string>;
  /** Where `${env:NAME}` references are read. */
  environment: Record<string, string | undefined>;
  signal?: AbortSignal;
}
