import type { OptionSpec } from '@lateral/spec';

/**
 * `openai.*` model options beyond the common ones core handles (connection, input_format,
 * output_format, content types, model_version, system_prompt, client_timeout, params.*).
 * The dialect documents none for OpenAI: the model id is `openai.model_version`, and
 * request fields go through `openai.params.*`.
 */
export const openaiModelOptions: readonly OptionSpec[] = [];
