import type { DefaultFormatContext } from '@lateral/spec';
import { openAICompatibleDefaultInputFormat } from '@lateral/provider-utils';

/**
 * Fireworks is OpenAI-compatible (confluent-dialect §5.6, §10 [INF]): `OPENAI-EMBED` when the
 * endpoint path contains `/embeddings`, else `OPENAI-CHAT`. Only the path is read.
 */
export function fireworksaiDefaultInputFormat(context: DefaultFormatContext): string {
  return openAICompatibleDefaultInputFormat(context);
}
