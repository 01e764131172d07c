import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createHeaderAuthTransport } from '@lateral/provider-utils';
import { VERSION } from './version.js';

/** Posts to the connection endpoint as it is, with `Authorization: Bearer <api-key>` (provider-protocols §10). */
export function createFireworksAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createHeaderAuthTransport(model, dependencies, {
    providerId: 'fireworksai',
    userAgent: `lateral/${VERSION}`,
    authHeaders: (apiKey) => ({ authorization: `Bearer ${apiKey}` }),
  });
}
