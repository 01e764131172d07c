import type { ConnectionSchema } from '@lateral/spec';
import { parseGoogleAIEndpoint } from './googleai-endpoint.js';

const EXAMPLE = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent';

/** Reference §3.3: `googleai` connections carry one secret, `api-key`. */
export const googleAIConnectionSchema: ConnectionSchema = {
  types: ['googleai'],
  secretKeys: ['api-key'],
  requiredKeys: ['api-key'],
  optionalKeys: [],
  validateEndpoint: validateGoogleAIEndpoint,
};

/**
 * Any http(s) host is accepted (proxies, fakes); the path must name the model
 * (`…/models/<m>[:verb]`) because requests are addressed to it, or be the OpenAI-compatible surface.
 */
export function validateGoogleAIEndpoint(endpoint: string): string | undefined {
  let parsed;
  try {
    parsed = parseGoogleAIEndpoint(endpoint);
  } catch {
    return `googleai endpoint is not a valid URL; expected e.g. ${EXAMPLE}`;
  }
  if (parsed.url.protocol !== 'https:' && parsed.url.protocol !== 'http:') {
    return `googleai endpoint must be an http(s) URL, e.g. ${EXAMPLE}`;
  }
  if (parsed.resource === undefined && !parsed.url.pathname.includes('/openai/')) {
    return `googleai endpoint must name a model (…/models/<model>:generateContent), e.g. ${EXAMPLE}`;
  }
  return undefined;
}
