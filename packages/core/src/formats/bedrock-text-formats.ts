import { extraParams } from '../options/params.js';
import { defineSinglePromptFormat, mergeExtras, numberAt, standardFields, tokenUsage, withSystemPrefix } from './single-prompt-format.js';

/**
 * Bedrock model families whose body is one prompt string (reference §9.5, protocols §7.3). None of
 * them has a system field, so a system prompt is put in front of the prompt. Standard params a
 * family does not support (top_k for Titan, AI21 and Llama; stop for Llama) are dropped, as in the
 * 2024 implementation.
 */

/** Amazon Titan Text: every knob lives in textGenerationConfig, so pass-through params go there too. */
export const amazonTitanTextFormat = defineSinglePromptFormat({
  id: 'AMAZON-TITAN-TEXT',
  body(prompt, context) {
    const config = mergeExtras(
      standardFields(context.params, { temperature: 'temperature', top_p: 'topP', max_tokens: 'maxTokenCount', stop: 'stopSequences' }),
      extraParams(context.params),
    );
    const body: Record<string, unknown> = { inputText: withSystemPrefix(prompt, context) };
    if (Object.keys(config).length > 0) body.textGenerationConfig = config;
    return body;
  },
  textPath: '/results/0/outputText',
  usage: (document) => tokenUsage(numberAt(document, '/inputTextTokenCount'), numberAt(document, '/results/0/tokenCount')),
});

/** AI21 Jurassic-2 complete. */
export const ai21CompleteFormat = defineSinglePromptFormat({
  id: 'AI-21-COMPLETE',
  body: (prompt, context) =>
    mergeExtras(
      {
        prompt: withSystemPrefix(prompt, context),
        ...standardFields(context.params, { temperature: 'temperature', top_p: 'topP', max_tokens: 'maxTokens', stop: 'stopSequences' }),
      },
      extraParams(context.params),
    ),
  textPath: '/completions/0/data/text',
});

/** Meta Llama on Bedrock. */
export const bedrockLlamaFormat = defineSinglePromptFormat({
  id: 'BEDROCK-LLAMA',
  body: (prompt, context) =>
    mergeExtras(
      {
        prompt: withSystemPrefix(prompt, context),
        ...standardFields(context.params, { temperature: 'temperature', top_p: 'top_p', max_tokens: 'max_gen_len' }),
      },
      extraParams(context.params),
    ),
  textPath: '/generation',
  usage: (document) => tokenUsage(numberAt(document, '/prompt_token_count'), numberAt(document, '/generation_token_count')),
});

/** Mistral text completions on Bedrock. */
export const mistralCompletionsFormat = defineSinglePromptFormat({
  id: 'MISTRAL-COMPLETIONS',
  body: (prompt, context) =>
    mergeExtras(
      {
        prompt: withSystemPrefix(prompt, context),
        ...standardFields(context.params, { temperature: 'temperature', top_p: 'top_p', top_k: 'top_k', max_tokens: 'max_tokens', stop: 'stop' }),
      },
      extraParams(context.params),
    ),
  textPath: '/outputs/0/text',
});
