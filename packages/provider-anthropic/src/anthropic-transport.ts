import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createHeaderAuthTransport } from '@lateral/provider-utils';
import { VERSION } from './version.js';

/** The API version the official SDKs pin (provider-protocols §5.1). */
export const ANTHROPIC_API_VERSION = '2023-06-01';

/**
 * Posts to the connection endpoint as it is, with `x-api-key` and `anthropic-version`
 * (provider-protocols §5.1). The API version is a header for the direct API; Bedrock and Vertex
 * carry theirs in the body instead, which is the format's business.
 */
export function createAnthropicTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createHeaderAuthTransport(model, dependencies, {
    providerId: 'anthropic',
    userAgent: `lateral/${VERSION}`,
    authHeaders: (apiKey) => ({ 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_API_VERSION }),
  });
}
