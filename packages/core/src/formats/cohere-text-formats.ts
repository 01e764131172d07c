import type { TokenUsage } from '@lateral/spec';
import { extraParams } from '../options/params.js';
import { defineSinglePromptFormat, mergeExtras, numberAt, standardFields, tokenUsage, withSystemPrefix } from './single-prompt-format.js';

function cohereUsage(document: unknown): TokenUsage | undefined {
  return tokenUsage(numberAt(document, '/meta/billed_units/input_tokens'), numberAt(document, '/meta/billed_units/output_tokens'));
}

/** Cohere Command R chat (v1 chat API, as on Bedrock): the system prompt is the `preamble`. */
export const cohereChatFormat = defineSinglePromptFormat({
  id: 'COHERE-CHAT',
  body(prompt, context) {
    const body: Record<string, unknown> = {};
    if (context.modelVersion !== undefined) body.model = context.modelVersion;
    if (context.systemPrompt) body.preamble = context.systemPrompt;
    body.message = prompt;
    Object.assign(
      body,
      standardFields(context.params, { temperature: 'temperature', top_p: 'p', top_k: 'k', max_tokens: 'max_tokens', stop: 'stop_sequences' }),
    );
    return mergeExtras(body, extraParams(context.params));
  },
  textPath: '/text',
  usage: cohereUsage,
});

/** Cohere Command (legacy generate): one generation, no streaming. */
export const cohereGenerateFormat = defineSinglePromptFormat({
  id: 'COHERE-GENERATE',
  body: (prompt, context) =>
    mergeExtras(
      {
        prompt: withSystemPrefix(prompt, context),
        ...standardFields(context.params, { temperature: 'temperature', top_p: 'p', top_k: 'k', max_tokens: 'max_tokens', stop: 'stop_sequences' }),
        stream: false,
        num_generations: 1,
      },
      extraParams(context.params),
    ),
  textPath: '/generations/0/text',
  usage: cohereUsage,
});
