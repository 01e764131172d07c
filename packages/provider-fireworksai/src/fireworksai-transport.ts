import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies } from '@lateral/core';
import { VERSION } from './version.js';

const USER_AGENT = `lateral/${VERSION}`;

/** Posts to the connection endpoint as it is, with `Authorization: Bearer <api-key>` (provider-protocols §10). */
export function createFireworksAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' has no 'fireworksai.connection'.` });
  }
  const apiKey = connection.secrets['api-key'];
  if (!apiKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_SECRET_MISSING',
      message: `The fireworksai connection '${connection.name}' has no 'api-key'.`,
    });
  }
  return {
    send: (request) =>
      sendHttp({
        providerId: 'fireworksai',
        url: connection.endpoint,
        method: 'POST',
        // auth last, so a format header can never replace it
        headers: { 'user-agent': USER_AGENT, ...request.headers, authorization: `Bearer ${apiKey}` },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? model.clientTimeoutMs,
      }),
  };
}
