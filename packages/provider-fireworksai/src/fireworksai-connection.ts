import { safeUrl, type ConnectionSchema } from '@lateral/core';

/**
 * `CREATE CONNECTION ... WITH ('type' = 'fireworksai', 'endpoint' = ..., 'api-key' = ...)`
 * (confluent-dialect §3.3), e.g. `https://api.fireworks.ai/inference/v1/chat/completions`.
 */
export const fireworksaiConnectionSchema: ConnectionSchema = {
  types: ['fireworksai'],
  secretKeys: ['api-key'],
  requiredKeys: ['api-key'],
  optionalKeys: [],
  validateEndpoint: validateHttpEndpoint,
};

/** Any http(s) URL is accepted, local servers included; it is posted to as it is. */
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
