import type { DefaultFormatContext } from '@lateral/spec';

/**
 * confluent-dialect §10 for OpenAI and the services that speak its protocol (Azure OpenAI,
 * Fireworks): `OPENAI-EMBED` when the endpoint path contains `/embeddings`, else `OPENAI-CHAT`.
 * Only the path is read, so a query string (Azure's `?api-version=`) cannot change the choice.
 */
export function openAICompatibleDefaultInputFormat(context: DefaultFormatContext): string {
  return isEmbeddingsEndpoint(context.endpoint) ? 'OPENAI-EMBED' : 'OPENAI-CHAT';
}

export function isEmbeddingsEndpoint(endpoint: string | undefined): boolean {
  return endpointPath(endpoint).includes('/embeddings');
}

export function isChatEndpoint(endpoint: string | undefined): boolean {
  return endpointPath(endpoint).endsWith('/chat/completions');
}

function endpointPath(endpoint: string | undefined): string {
  if (!endpoint) return '';
  try {
    return new URL(endpoint).pathname.replace(/\/+$/, '');
  } catch {
    return endpoint;
  }
}
