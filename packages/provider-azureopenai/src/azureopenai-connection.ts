import { safeUrl, type ConnectionSchema } from '@lateral/spec';
import { apiKeyConnectionSchema, validateHttpEndpoint } from '@lateral/provider-utils';
import { parseAzureOpenAIEndpoint } from './azureopenai-endpoint.js';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'azureopenai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3). The key is sent as the `api-key` header.
 */
export const azureopenaiConnectionSchema: ConnectionSchema = apiKeyConnectionSchema({
  type: 'azureopenai',
  validateEndpoint: validateAzureOpenAIEndpoint,
});

/**
 * Any http(s) URL is accepted (local servers included). A deployment-scoped URL
 * (`/openai/deployments/<dep>/...`) must carry `?api-version=`: Azure answers 404 without it, and
 * the official SDK refuses to start without one, so we say so at CREATE CONNECTION time.
 */
export function validateAzureOpenAIEndpoint(endpoint: string): string | undefined {
  const problem = validateHttpEndpoint(endpoint);
  if (problem !== undefined) return problem;
  const parsed = parseAzureOpenAIEndpoint(endpoint);
  if (parsed?.deployment && !parsed.apiVersion) {
    return `The Azure OpenAI endpoint ${safeUrl(endpoint)} has no '?api-version=' query parameter (for example ?api-version=2024-10-21); Azure answers 404 without it.`;
  }
  return undefined;
}
