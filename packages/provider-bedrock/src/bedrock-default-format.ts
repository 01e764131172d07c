import type { DefaultFormatContext } from '@lateral/spec';
import { baseModelId, parseBedrockEndpoint } from './bedrock-endpoint.js';

/** The default when the model id says nothing (confluent-dialect §10). */
export const BEDROCK_FALLBACK_FORMAT = 'AMAZON-TITAN-TEXT';

/**
 * The rules of confluent-dialect §10, in order (first match wins), applied to the base model id.
 * Inference-profile ids (`us.anthropic.…`, `eu.meta.…`) and ARNs are reduced to their base id
 * first (Lateral extension), so `us.anthropic.claude-3-5-sonnet-…` → ANTHROPIC-MESSAGES and
 * `us.meta.llama3-…` → BEDROCK-LLAMA.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^amazon\.titan-embed/, 'AMAZON-TITAN-EMBED'],
  [/^amazon\./, 'AMAZON-TITAN-TEXT'],
  [/^ai21\./, 'AI-21-COMPLETE'],
  [/^anthropic\.claude-(?:v2|instant-v1)(?::\d+)?$/, 'ANTHROPIC-COMPLETIONS'],
  [/^anthropic\./, 'ANTHROPIC-MESSAGES'],
  [/^cohere\.embed/, 'COHERE-EMBED'],
  [/^cohere\.command-r/, 'COHERE-CHAT'],
  [/^cohere\./, 'COHERE-GENERATE'],
  [/^meta\./, 'BEDROCK-LLAMA'],
  [/^mistral\./, 'MISTRAL-COMPLETIONS'],
];

/** The input format for a Bedrock model id. */
export function bedrockFormatForModel(modelId: string): string {
  const id = baseModelId(modelId).toLowerCase();
  return RULES.find(([pattern]) => pattern.test(id))?.[1] ?? BEDROCK_FALLBACK_FORMAT;
}

/** The format for the model id in the endpoint's `/model/<id>/invoke`; the fallback when there is none. */
export function bedrockDefaultInputFormat(context: DefaultFormatContext): string {
  if (context.endpoint === undefined) return BEDROCK_FALLBACK_FORMAT;
  try {
    return bedrockFormatForModel(parseBedrockEndpoint(context.endpoint).modelId);
  } catch {
    // an unusable endpoint is reported by the connection's validateEndpoint, not here
    return BEDROCK_FALLBACK_FORMAT;
  }
}
