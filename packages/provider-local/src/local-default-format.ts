import type { DefaultFormatContext } from '@lateral/spec';

/**
 * Embedding models speak OPENAI-EMBED (many rows per call); every other task speaks CONFLUENT-CHAT,
 * the managed provider's chat format (the `confluent.input_format = 'confluent-chat'` of the
 * dialect). Both are OpenAI-shaped, which is what the in-process transport answers.
 */
export function localDefaultInputFormat(context: DefaultFormatContext): string {
  return context.task === 'embedding' ? 'OPENAI-EMBED' : 'CONFLUENT-CHAT';
}
