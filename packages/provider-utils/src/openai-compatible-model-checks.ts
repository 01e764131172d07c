import { normalizeFormatName, safeUrl, type Diagnostic, type ResolvedModel } from '@lateral/spec';
import { isChatEndpoint, isEmbeddingsEndpoint } from './openai-compatible-default-format.js';

const CHAT_FORMATS = new Set(['OPENAICHAT', 'MISTRALCHAT']);
const EMBED_FORMATS = new Set(['OPENAIEMBED', 'AZUREEMBED']);

export interface FormatMismatchOptions {
  /** Appends how to fix it ("Use '<id>.input_format' = …"); off keeps the bare statement. */
  suggestFix?: boolean;
}

/**
 * One connection serves one endpoint (confluent-dialect §3.3 note), so a chat format on an
 * `/embeddings` endpoint (or the reverse) can never succeed: say so at CREATE time rather than
 * on the first row. At most one diagnostic, on `<providerId>.input_format`.
 */
export function openAICompatibleFormatMismatch(providerId: string, model: ResolvedModel, options: FormatMismatchOptions = {}): Diagnostic[] {
  const endpoint = model.connection?.endpoint;
  const format = normalizeFormatName(model.inputFormat.id);
  const option = `${providerId}.input_format`;
  const shown = safeUrl(endpoint ?? '');
  if (isEmbeddingsEndpoint(endpoint) && CHAT_FORMATS.has(format)) {
    const fix = options.suggestFix ? ` Use '${option}' = 'OPENAI-EMBED' or a connection to /chat/completions.` : '';
    return [
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option,
        message: `Input format ${model.inputFormat.id} needs a chat completions endpoint, but the connection endpoint ${shown} serves embeddings.${fix}`,
      },
    ];
  }
  if (isChatEndpoint(endpoint) && EMBED_FORMATS.has(format)) {
    const fix = options.suggestFix ? ' Use a connection to /embeddings.' : '';
    return [
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option,
        message: `Input format ${model.inputFormat.id} needs an embeddings endpoint, but the connection endpoint ${shown} serves chat completions.${fix}`,
      },
    ];
  }
  return [];
}
