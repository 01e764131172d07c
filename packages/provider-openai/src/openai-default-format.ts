import type { DefaultFormatContext } from '@lateral/spec';
import { openAICompatibleDefaultInputFormat } from '@lateral/provider-utils';

/**
 * confluent-dialect §10: `OPENAI-EMBED` when the endpoint path contains `/embeddings`, else
 * `OPENAI-CHAT`. Only the path is read, so a query string cannot change the choice.
 */
export function openaiDefaultInputFormat(context: DefaultFormatContext): string {
  return openAICompatibleDefaultInputFormat(context);
}
