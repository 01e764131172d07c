import { normalizeFormatName, type Diagnostic, type ResolvedModel } from '@lateral/spec';

/**
 * CREATE MODEL checks for `provider = 'anthropic'`: the Messages API rejects a request without
 * `model`, and core's ANTHROPIC-MESSAGES format takes it from `anthropic.model_version` (the
 * provider's default when the option is absent) or passes an explicit `anthropic.params.model`
 * through. What is left to refuse is a model version set to an empty text.
 */
export function validateAnthropicModel(model: ResolvedModel): Diagnostic[] {
  if (normalizeFormatName(model.inputFormat.id) !== 'ANTHROPICMESSAGES') return [];
  if (model.modelVersion || model.params.model !== undefined) return [];
  return [
    {
      code: 'LATERAL_ERR_OPTION_MISSING',
      option: 'anthropic.model_version',
      message: "'anthropic.model_version' is empty: the Messages API needs a model id, e.g. 'claude-haiku-4-5' (leave the option out for that default).",
    },
  ];
}
