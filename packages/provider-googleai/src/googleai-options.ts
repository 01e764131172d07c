import type { OptionSpec } from '@lateral/spec';

/**
 * `googleai.*` keys beyond the common ones core handles. The documented provider has none
 * (reference §5.5: only `googleai.input_format`, a common key); embedding knobs such as
 * `task_type` and `output_dimensionality` are `googleai.params.*` read by GEMINI-EMBED.
 */
export const googleAIModelOptions: readonly OptionSpec[] = [];
