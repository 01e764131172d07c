import { normalizeFormatName, safeUrl, type Diagnostic, type ResolvedModel } from '@lateral/core';
import { isChatEndpoint, isEmbeddingsEndpoint } from './azureopenai-default-format.js';

const CHAT_FORMATS = new Set(['OPENAICHAT', 'MISTRALCHAT']);
const EMBED_FORMATS = new Set(['OPENAIEMBED', 'AZUREEMBED']);

/** CREATE MODEL checks for `provider = 'azureopenai'`. */
export function validateAzureOpenAIModel(model: ResolvedModel): Diagnostic[] {
  return endpointFormatMismatch('azureopenai', model);
}

/**
 * One connection serves one endpoint (confluent-dialect §3.3 note), so a chat format on an
 * `/embeddings` endpoint (or the reverse) can never succeed: say so at CREATE time rather than
 * on the first row.
 */
function endpointFormatMismatch(providerId: string, model: ResolvedModel): Diagnostic[] {
  const endpoint = model.connection?.endpoint;
  const format = normalizeFormatName(model.inputFormat.id);
  const option = `${providerId}.input_format`;
  if (isEmbeddingsEndpoint(endpoint) && CHAT_FORMATS.has(format)) {
    return [
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option,
        message: `Input format ${model.inputFormat.id} needs a chat completions endpoint, but the connection endpoint ${safeUrl(endpoint ?? '')} serves embeddings. Use '${option}' = 'OPENAI-EMBED' or a connection to /chat/completions.`,
      },
    ];
  }
  if (isChatEndpoint(endpoint) && EMBED_FORMATS.has(format)) {
    return [
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option,
        message: `Input format ${model.inputFormat.id} needs an embeddings endpoint, but the connection endpoint ${safeUrl(endpoint ?? '')} serves chat completions. Use a connection to /embeddings.`,
      },
    ];
  }
  return [];
}
