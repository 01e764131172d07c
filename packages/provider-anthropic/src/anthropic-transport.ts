import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies } from '@lateral/core';
import { VERSION } from './version.js';

const USER_AGENT = `lateral/${VERSION}`;

/** The API version the official SDKs pin (provider-protocols §5.1). */
export const ANTHROPIC_API_VERSION = '2023-06-01';

/**
 * Posts to the connection endpoint as it is, with `x-api-key` and `anthropic-version`
 * (provider-protocols §5.1). The API version is a header for the direct API; Bedrock and Vertex
 * carry theirs in the body instead, which is the format's business.
 */
export function createAnthropicTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' has no 'anthropic.connection'.` });
  }
  const apiKey = connection.secrets['api-key'];
  if (!apiKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_SECRET_MISSING',
      message: `The anthropic connection '${connection.name}' has no 'api-key'.`,
    });
  }
  return {
    send: (request) =>
      sendHttp({
        providerId: 'anthropic',
        url: connection.endpoint,
        method: 'POST',
        // auth last, so a format header can never replace it
        headers: { 'user-agent': USER_AGENT, ...request.headers, 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_API_VERSION },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? model.clientTimeoutMs,
      }),
  };
}
