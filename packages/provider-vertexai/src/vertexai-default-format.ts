import type { DefaultFormatContext } from '@lateral/spec';
import { parseVertexEndpoint, type VertexEndpoint } from './vertexai-endpoint.js';

/** Google's text-embedding publisher models, served by `:predict` with VERTEX-EMBED bodies. */
const EMBEDDING_MODEL = /^(text-embedding|text-multilingual-embedding|gemini-embedding|textembedding-gecko)/;

/**
 * Confluent-dialect §5.5/§10: TF-SERVING for custom endpoints (and any other shape);
 * `publishers/google` → GEMINI-GENERATE, `publishers/anthropic` → ANTHROPIC-MESSAGES; Google
 * embedding models (`text-embedding-*`, `gemini-embedding-*`) on `:predict` or without a verb →
 * VERTEX-EMBED, as is any `publishers/google/…:predict`.
 */
export function vertexDefaultInputFormat(context: DefaultFormatContext): string {
  let endpoint: VertexEndpoint | undefined;
  try {
    endpoint = context.endpoint ? parseVertexEndpoint(context.endpoint) : undefined;
  } catch {
    endpoint = undefined;
  }
  if (endpoint?.kind !== 'publisher') return 'TF-SERVING';
  if (endpoint.publisher === 'anthropic') return 'ANTHROPIC-MESSAGES';
  if (endpoint.publisher !== 'google') return 'TF-SERVING';
  const verb = endpoint.verb;
  if (verb === 'predict' || (verb === undefined && EMBEDDING_MODEL.test(endpoint.model ?? ''))) return 'VERTEX-EMBED';
  return 'GEMINI-GENERATE';
}
