import type { Diagnostic, ResolvedModel } from '@lateral/spec';
import { openAICompatibleFormatMismatch } from '@lateral/provider-utils';

/** CREATE MODEL checks for `provider = 'openai'`: the input format must fit the endpoint. */
export function validateOpenAIModel(model: ResolvedModel): Diagnostic[] {
  return openAICompatibleFormatMismatch('openai', model, { suggestFix: true });
}
