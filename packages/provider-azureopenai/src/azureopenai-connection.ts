import { safeUrl, type ConnectionSchema } from '@lateral/core';
import { parseAzureOpenAIEndpoint } from './azureopenai-endpoint.js';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'azureopenai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3). The key is sent as the `api-key` header.
 */
export const azureopenaiConnectionSchema: ConnectionSchema = {
  types: ['azureopenai'],
  secretKeys: ['api-key'],
  requiredKeys: ['api-key'],
  optionalKeys: [],
  validateEndpoint: validateAzureOpenAIEndpoint,
};

/**
 * Any http(s) URL is accepted (local servers included). A deployment-scoped URL
 * (`/openai/deployments/<dep>/...`) must carry `?api-version=`: Azure answers 404 without it, and
 * the official SDK refuses to start without one, so we say so at CREATE CONNECTION time.
 */
export function validateAzureOpenAIEndpoint(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The endpoint is not a valid URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The endpoint must be an http or https URL, got '${url.protocol}' (${safeUrl(endpoint)}).`;
  }
  const parsed = parseAzureOpenAIEndpoint(endpoint);
  if (parsed?.deployment && !parsed.apiVersion) {
    return `The Azure OpenAI endpoint ${safeUrl(endpoint)} has no '?api-version=' query parameter (for example ?api-version=2024-10-21); Azure answers 404 without it.`;
  }
  return undefined;
}
