import type { Diagnostic, ResolvedModel } from '@lateral/spec';
import { openAICompatibleFormatMismatch } from '@lateral/provider-utils';

/**
 * CREATE MODEL checks for `provider = 'fireworksai'`: every Fireworks inference API requires
 * `model`, and core's OpenAI formats send one only from `model_version` (or an explicit
 * `fireworksai.params.model`) for this provider; and the format must fit the endpoint (one
 * connection serves one endpoint).
 */
export function validateFireworksAIModel(model: ResolvedModel): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!model.modelVersion && model.params.model === undefined) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_MISSING',
      option: 'fireworksai.model_version',
      message:
        "'fireworksai.model_version' is required: Fireworks needs the model's resource name, e.g. 'accounts/fireworks/models/llama-v3p1-8b-instruct'.",
    });
  }
  diagnostics.push(...openAICompatibleFormatMismatch('fireworksai', model));
  return diagnostics;
}
