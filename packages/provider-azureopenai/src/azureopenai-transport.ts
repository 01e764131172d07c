import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createHeaderAuthTransport } from '@lateral/provider-utils';
import { VERSION } from './version.js';

/**
 * Posts to the connection endpoint exactly as written (deployment and `api-version` included)
 * with the `api-key` header (provider-protocols §4.2).
 */
export function createAzureOpenAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createHeaderAuthTransport(model, dependencies, {
    providerId: 'azureopenai',
    userAgent: `lateral/${VERSION}`,
    authHeaders: (apiKey) => ({ 'api-key': apiKey }),
  });
}
