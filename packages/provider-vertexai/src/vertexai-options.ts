import type { OptionSpec } from '@lateral/spec';

/**
 * `vertexai.*` keys beyond the common ones core handles: none. The Sep 2025 page still lists
 * `vertexai.service_key`, a leftover of inline secrets (confluent-dialect §5.5); the key lives in
 * the `vertexai` connection's `service-key`.
 */
export const vertexAIModelOptions: readonly OptionSpec[] = [];
