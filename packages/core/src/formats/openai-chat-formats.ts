import type { FormatContext } from '@lateral/spec';
import { extraParams } from '../options/params.js';
import { defineSinglePromptFormat, mergeExtras, numberAt, standardFields, tokenUsage, type FormatPair } from './single-prompt-format.js';

function chatBody(prompt: string, context: FormatContext, defaultModel: string | undefined): Record<string, unknown> {
  const model = context.modelVersion ?? defaultModel;
  const messages: Array<{ role: string; content: string }> = [];
  if (context.systemPrompt) messages.push({ role: 'system', content: context.systemPrompt });
  messages.push({ role: 'user', content: prompt });
  const body: Record<string, unknown> = {
    ...(model === undefined ? {} : { model }),
    ...standardFields(context.params, { temperature: 'temperature', top_p: 'top_p', max_tokens: 'max_tokens', stop: 'stop' }),
    messages,
  };
  return mergeExtras(body, extraParams(context.params));
}

function openAiChat(id: string): FormatPair {
  return defineSinglePromptFormat({
    id,
    // A provider whose API requires `model` declares its default (formatDefaults); hosts that take
    // the model from the URL (Azure OpenAI, reference §9.5) declare none.
    body: (prompt, context) => chatBody(prompt, context, context.defaults?.modelVersion),
    textPath: '/choices/0/message/content',
    usage: (document) => tokenUsage(numberAt(document, '/usage/prompt_tokens'), numberAt(document, '/usage/completion_tokens')),
  });
}

/** OpenAI Chat Completions; also Azure OpenAI, Fireworks and every OpenAI-compatible server. */
export const openAiChatFormat = openAiChat('OPENAI-CHAT');

/** Mistral's chat API has the same body as OpenAI's (2024 implementation falls through to it). */
export const mistralChatFormat = openAiChat('MISTRAL-CHAT');

/**
 * The managed (`confluent`) and local providers' chat format: an OpenAI chat body whose `model`
 * is the model version (`confluent.model` when the provider maps it there), without a default.
 */
export const confluentChatFormat = defineSinglePromptFormat({
  id: 'CONFLUENT-CHAT',
  body: (prompt, context) => chatBody(prompt, context, undefined),
  textPath: '/choices/0/message/content',
  usage: (document) => tokenUsage(numberAt(document, '/usage/prompt_tokens'), numberAt(document, '/usage/completion_tokens')),
});
