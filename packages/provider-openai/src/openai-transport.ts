import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createHeaderAuthTransport } from '@lateral/provider-utils';
import { VERSION } from './version.js';

/**
 * Posts the format's body to the connection endpoint as it is, with `Authorization: Bearer
 * <api-key>` and the optional organization/project headers (openai-node sends the same).
 */
export function createOpenAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createHeaderAuthTransport(model, dependencies, {
    providerId: 'openai',
    userAgent: `lateral/${VERSION}`,
    authHeaders(apiKey, connection) {
      const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
      if (connection.options.organization) headers['openai-organization'] = connection.options.organization;
      if (connection.options.project) headers['openai-project'] = connection.options.project;
      return headers;
    },
  });
}
