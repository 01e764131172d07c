import type { AnyConnector } from './connector.js';
import type { InputFormatV1, OutputFormatV1 } from './format.js';
import type { ProviderV1 } from './provider.js';
import type { TableFunctionV1 } from './table-function.js';
import type { TaskV1 } from './task.js';

/** What a plugin may add to the kernel. Every `register*` returns an unregister handle. */
export interface PluginRegistrar {
  registerProvider(provider: ProviderV1): () => void;
  registerInputFormat(format: InputFormatV1): () => void;
  registerOutputFormat(format: OutputFormatV1): () => void;
  registerTask(task: TaskV1): () => void;
  /** Contract v2, or v1 (adapted). */
  registerConnector(connector: AnyConnector): () => void;
  /** A table function by its SQL name (case-insensitive): `ML_PREDICT`, `ML_EVALUATE`, ... */
  registerTableFunction(fn: TableFunctionV1): () => void;
}

/**
 * The unit a package exports as `plugin`. `@lateral/provider-<id>` exports one whose `provides`
 * includes `provider:<id>`; the kernel loads it by that fixed naming rule.
 */
export interface LateralPluginV1 {
  readonly specificationVersion: 'v1';
  /** Package-style name for messages, e.g. `@lateral/provider-openai`. */
  readonly name: string;
  /** What it registers, e.g. `['provider:openai']`. */
  readonly provides: readonly string[];
  /** Registrations it needs first, e.g. `['input-format:OPENAI-CHAT']`. */
  readonly dependencies?: readonly string[];
  register(registrar: PluginRegistrar): void;
}
