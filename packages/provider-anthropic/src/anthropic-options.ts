import type { OptionSpec } from '@lateral/spec';

/**
 * `anthropic.*` model options beyond the common ones core handles. None: the model is the common
 * `anthropic.model_version` (ANTHROPIC_DEFAULT_MODEL when not set), and request fields
 * such as `max_tokens` go through `anthropic.params.*`.
 */
export const anthropicModelOptions: readonly OptionSpec[] = [];
