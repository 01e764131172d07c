import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies } from '@lateral/core';
import { VERSION } from './version.js';

const USER_AGENT = `lateral/${VERSION}`;

/**
 * Posts to the connection endpoint exactly as written (deployment and `api-version` included)
 * with the `api-key` header (provider-protocols §4.2).
 */
export function createAzureOpenAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' has no 'azureopenai.connection'.` });
  }
  const apiKey = connection.secrets['api-key'];
  if (!apiKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_SECRET_MISSING',
      message: `The azureopenai connection '${connection.name}' has no 'api-key'.`,
    });
  }
  return {
    send: (request) =>
      sendHttp({
        providerId: 'azureopenai',
        url: connection.endpoint,
        method: 'POST',
        // auth last, so a format header can never replace it
        headers: { 'user-agent': USER_AGENT, ...request.headers, 'api-key': apiKey },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? model.clientTimeoutMs,
      }),
  };
}
