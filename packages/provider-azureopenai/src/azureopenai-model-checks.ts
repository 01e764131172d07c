import type { Diagnostic, ResolvedModel } from '@lateral/spec';
import { openAICompatibleFormatMismatch } from '@lateral/provider-utils';

/** CREATE MODEL checks for `provider = 'azureopenai'`: the input format must fit the endpoint. */
export function validateAzureOpenAIModel(model: ResolvedModel): Diagnostic[] {
  return openAICompatibleFormatMismatch('azureopenai', model, { suggestFix: true });
}
