import type { ConnectionSchema } from '@lateral/spec';
import { apiKeyConnectionSchema, validateHttpEndpoint } from '@lateral/provider-utils';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'fireworksai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3), e.g. `https://api.fireworks.ai/inference/v1/chat/completions`.
 * Any http(s) URL is accepted, local servers included; it is posted to as it is.
 */
export const fireworksaiConnectionSchema: ConnectionSchema = apiKeyConnectionSchema({ type: 'fireworksai' });

export { validateHttpEndpoint };
