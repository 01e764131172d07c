import type { DefaultFormatContext } from '@lateral/spec';
import { openAICompatibleDefaultInputFormat } from '@lateral/provider-utils';

/**
 * Same rule as openai (confluent-dialect §10): `OPENAI-EMBED` when the endpoint path contains
 * `/embeddings`, else `OPENAI-CHAT`. Only the path is read, never the query string.
 */
export function azureopenaiDefaultInputFormat(context: DefaultFormatContext): string {
  return openAICompatibleDefaultInputFormat(context);
}
