import type { ConnectionSchema } from '@lateral/spec';

export const API_KEY = 'api-key';

/**
 * `type = 'azureml'` (confluent-dialect §3.3): one secret, the endpoint key, sent as
 * `Authorization: Bearer <key>`. The endpoint is the scoring URL as Azure shows it
 * (`https://<endpoint>.<region>.inference.ml.azure.com/score`, or an AI Studio / Foundry
 * `…/chat/completions` URL), used as is.
 */
export const azuremlConnectionSchema: ConnectionSchema = {
  types: ['azureml'],
  secretKeys: [API_KEY],
  requiredKeys: [API_KEY],
  optionalKeys: [],
  validateEndpoint(endpoint) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return `For azureml endpoint expected an http(s) URL such as https://<endpoint>.<region>.inference.ml.azure.com/score, got ${endpoint}`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `For azureml endpoint expected an http(s) URL, got ${url.protocol}`;
    return undefined;
  },
};
