import type { OptionSpec } from '@lateral/spec';

/**
 * `azureopenai.*` model options beyond the common ones core handles. None: the deployment and
 * API version live in the connection endpoint, and `azureopenai.model_version` (sent as `model`
 * only when set, as the 2024 implementation did) is a common option.
 */
export const azureopenaiModelOptions: readonly OptionSpec[] = [];
