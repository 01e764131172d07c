import type { ConnectionSchema } from '@lateral/spec';
import { apiKeyConnectionSchema, validateHttpEndpoint } from '@lateral/provider-utils';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'openai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3). `organization` and `project` are a Lateral extension: they are sent as
 * the `OpenAI-Organization` / `OpenAI-Project` headers the official SDKs send. Any http(s) URL is
 * accepted; it is posted to as it is, so it must name the API path (`.../v1/chat/completions` or
 * `.../v1/embeddings`).
 */
export const openaiConnectionSchema: ConnectionSchema = apiKeyConnectionSchema({
  type: 'openai',
  optionalKeys: [
    { key: 'organization', type: 'string', description: 'Sent as the OpenAI-Organization header (Lateral extension).' },
    { key: 'project', type: 'string', description: 'Sent as the OpenAI-Project header (Lateral extension).' },
  ],
});

export { validateHttpEndpoint };
