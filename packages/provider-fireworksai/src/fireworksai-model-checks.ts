import { normalizeFormatName, safeUrl, type Diagnostic, type ResolvedModel } from '@lateral/core';
import { isChatEndpoint, isEmbeddingsEndpoint } from './fireworksai-default-format.js';

const CHAT_FORMATS = new Set(['OPENAICHAT', 'MISTRALCHAT']);
const EMBED_FORMATS = new Set(['OPENAIEMBED', 'AZUREEMBED']);

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
  const endpoint = model.connection?.endpoint;
  const format = normalizeFormatName(model.inputFormat.id);
  if (isEmbeddingsEndpoint(endpoint) && CHAT_FORMATS.has(format)) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      option: 'fireworksai.input_format',
      message: `Input format ${model.inputFormat.id} needs a chat completions endpoint, but the connection endpoint ${safeUrl(endpoint ?? '')} serves embeddings.`,
    });
  } else if (isChatEndpoint(endpoint) && EMBED_FORMATS.has(format)) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      option: 'fireworksai.input_format',
      message: `Input format ${model.inputFormat.id} needs an embeddings endpoint, but the connection endpoint ${safeUrl(endpoint ?? '')} serves chat completions.`,
    });
  }
  return diagnostics;
}
