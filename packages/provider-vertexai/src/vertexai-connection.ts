import type { ConnectionSchema, Diagnostic } from '@lateral/spec';
import { parseVertexEndpoint, regionFromHost, type VertexEndpoint } from './vertexai-endpoint.js';
import { parseServiceAccountKey } from './vertexai-service-key.js';

const EXAMPLE = 'https://us-central1-aiplatform.googleapis.com/v1/projects/<project>/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent';

/** Reference §3.3: `vertexai` connections carry one secret, `service-key` (a service-account JSON key). */
export const vertexAIConnectionSchema: ConnectionSchema = {
  types: ['vertexai'],
  secretKeys: ['service-key'],
  requiredKeys: ['service-key'],
  optionalKeys: [],
  validateEndpoint: validateVertexEndpoint,
  validateSecrets: validateVertexSecrets,
};

/**
 * Any http(s) host (regional, global, a proxy, a fake), with a path under
 * `/projects/<p>/locations/<l>/`. On a regional Google host the region must be the path's location.
 */
export function validateVertexEndpoint(endpoint: string): string | undefined {
  let parsed: VertexEndpoint;
  try {
    parsed = parseVertexEndpoint(endpoint);
  } catch {
    return `vertexai endpoint is not a valid URL; expected e.g. ${EXAMPLE}`;
  }
  if (parsed.url.protocol !== 'https:' && parsed.url.protocol !== 'http:') return `vertexai endpoint must be an http(s) URL, e.g. ${EXAMPLE}`;
  if (parsed.kind === 'other' && !/\/projects\/[^/]+\/locations\/[^/]+\//.test(parsed.url.pathname)) {
    return `vertexai endpoint must name …/projects/<project>/locations/<location>/endpoints/<id> or …/publishers/<publisher>/models/<model>, e.g. ${EXAMPLE}`;
  }
  const region = regionFromHost(parsed.url.hostname);
  const location = parsed.location ?? /\/locations\/([^/]+)\//.exec(parsed.url.pathname)?.[1];
  if (region !== undefined && location !== undefined && region !== location) {
    return `vertexai endpoint host is in region '${region}' but its path names location '${location}'; they must match.`;
  }
  return undefined;
}

/** The service key must be a usable service-account JSON key; messages name fields, never values. */
export function validateVertexSecrets(secrets: Record<string, string>): Diagnostic[] {
  const serviceKey = secrets['service-key'];
  // `${env:NAME}` is resolved at run time; the value is checked then.
  if (serviceKey === undefined || serviceKey.includes('${env:')) return [];
  const result = parseServiceAccountKey(serviceKey);
  return result.ok ? [] : [{ code: 'LATERAL_ERR_OPTION_INVALID', option: 'service-key', message: result.problem }];
}
