import type { ConnectionSchema } from '@lateral/spec';
import { apiKeyConnectionSchema, validateHttpEndpoint } from '@lateral/provider-utils';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'anthropic', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3), e.g. `https://api.anthropic.com/v1/messages`. Any http(s) URL is
 * accepted, local servers included; it is posted to as it is.
 */
export const anthropicConnectionSchema: ConnectionSchema = apiKeyConnectionSchema({ type: 'anthropic' });

export { validateHttpEndpoint };
