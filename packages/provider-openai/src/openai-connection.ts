import { safeUrl, type ConnectionSchema } from '@lateral/core';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'openai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3). `organization` and `project` are a Lateral extension: they are sent as
 * the `OpenAI-Organization` / `OpenAI-Project` headers the official SDKs send.
 */
export const openaiConnectionSchema: ConnectionSchema = {
  types: ['openai'],
  secretKeys: ['api-key'],
  requiredKeys: ['api-key'],
  optionalKeys: [
    { key: 'organization', type: 'string', description: 'Sent as the OpenAI-Organization header (Lateral extension).' },
    { key: 'project', type: 'string', description: 'Sent as the OpenAI-Project header (Lateral extension).' },
  ],
  validateEndpoint: validateHttpEndpoint,
};

/**
 * Any http(s) URL is accepted, local servers included (design: Endpoints); the URL is posted to
 * as it is, so it must name the API path (`.../v1/chat/completions` or `.../v1/embeddings`).
 */
export function validateHttpEndpoint(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The endpoint is not a valid URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `The endpoint must be an http or https URL, got '${url.protocol}' (${safeUrl(endpoint)}).`;
  }
  return undefined;
}
