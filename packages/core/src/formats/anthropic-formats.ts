import type { Diagnostic } from '@lateral/spec';
import type { FormatContext } from '@lateral/spec';
import { extraParams, standardParam } from '../options/params.js';
import type { PointerRead } from './single-prompt-format.js';
import { defineSinglePromptFormat, mergeExtras, numberAt, standardFields, tokenUsage } from './single-prompt-format.js';

/**
 * The Messages API (and legacy Text Completions) require a token limit; the dialect leaves it to
 * `params.max_tokens`, so Lateral sends this default when it is not set.
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

/** Bedrock and Vertex take the model from the URL and the API version from the body (protocols §7.3, §13.5). */
const BODY_API_VERSIONS: Record<string, string> = {
  bedrock: 'bedrock-2023-05-31',
  vertexai: 'vertex-2023-10-16',
};

/**
 * `anthropic_version` for Bedrock/Vertex. The 2024 code sent `model_version` in that field, so a
 * model version that looks like one (`bedrock-2023-05-31`) is kept; anything else (a model id) is
 * not an API version and the default is used.
 */
function bodyApiVersion(context: FormatContext): string | undefined {
  const fallback = BODY_API_VERSIONS[context.providerId];
  if (fallback === undefined) return undefined;
  const version = context.modelVersion;
  return version !== undefined && /^(bedrock|vertex)-\d{4}-\d{2}-\d{2}$/.test(version) ? version : fallback;
}

function messagesBody(prompt: string, context: FormatContext): Record<string, unknown> {
  const apiVersion = bodyApiVersion(context);
  const body: Record<string, unknown> = {};
  // the direct API names the model in the body; Bedrock and Vertex name it in the URL
  if (apiVersion === undefined && context.modelVersion !== undefined) body.model = context.modelVersion;
  body.messages = [{ role: 'user', content: [{ type: 'text', text: prompt }] }];
  Object.assign(
    body,
    standardFields(context.params, { temperature: 'temperature', top_p: 'top_p', top_k: 'top_k', max_tokens: 'max_tokens', stop: 'stop_sequences' }),
  );
  body.max_tokens ??= ANTHROPIC_DEFAULT_MAX_TOKENS;
  if (context.systemPrompt) body.system = context.systemPrompt;
  if (apiVersion !== undefined) body.anthropic_version = apiVersion;
  return mergeExtras(body, extraParams(context.params));
}

/** The reply is the concatenation of its text blocks (protocols §5.3); null when it has none. */
function readMessageText(document: unknown): PointerRead {
  const content = (document as { content?: unknown } | null)?.content;
  if (!Array.isArray(content)) return { found: false };
  const texts = content
    .filter((block): block is { type: string; text: string } => block?.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text);
  return { found: true, value: texts.length === 0 ? null : texts.join('') };
}

function validateMessages(context: FormatContext): Diagnostic[] {
  if (context.defaults?.requiresModelVersion !== true || context.modelVersion !== undefined || context.params.model !== undefined) return [];
  return [
    {
      code: 'LATERAL_ERR_OPTION_MISSING',
      message: `ANTHROPIC-MESSAGES needs '${context.providerId}.model_version': the Anthropic Messages API requires a model (e.g. 'claude-sonnet-4-5').`,
      option: `${context.providerId}.model_version`,
    },
  ];
}

/** Anthropic Messages: direct API, Claude on Bedrock and Claude on Vertex (reference §9.5). */
export const anthropicMessagesFormat = defineSinglePromptFormat({
  id: 'ANTHROPIC-MESSAGES',
  body: messagesBody,
  textPath: '/content/0/text',
  readText: readMessageText,
  usage: (document) => tokenUsage(numberAt(document, '/usage/input_tokens'), numberAt(document, '/usage/output_tokens')),
  validate: validateMessages,
});

/**
 * Legacy Claude v2 text completions (Bedrock). The service rejects prompts without the
 * `\n\nHuman: … \n\nAssistant:` turns, so a plain prompt is wrapped in them (the system prompt goes
 * first, as Claude 2 expects); a prompt that already has them is sent as written.
 */
function completionsBody(prompt: string, context: FormatContext): Record<string, unknown> {
  const turns = prompt.includes('Human:') ? prompt : `\n\nHuman: ${prompt}\n\nAssistant:`;
  const body: Record<string, unknown> = { prompt: context.systemPrompt ? `${context.systemPrompt}${turns}` : turns };
  Object.assign(
    body,
    standardFields(context.params, {
      temperature: 'temperature',
      top_p: 'top_p',
      top_k: 'top_k',
      max_tokens: 'max_tokens_to_sample',
      stop: 'stop_sequences',
    }),
  );
  if (standardParam(context.params, 'max_tokens') === undefined) body.max_tokens_to_sample = ANTHROPIC_DEFAULT_MAX_TOKENS;
  return mergeExtras(body, extraParams(context.params));
}

export const anthropicCompletionsFormat = defineSinglePromptFormat({
  id: 'ANTHROPIC-COMPLETIONS',
  body: completionsBody,
  textPath: '/completion',
});
