import { LateralError, sendHttp, type ResolvedConnection, type ResolvedModel, type Transport, type TransportDependencies } from '@lateral/spec';
import { API_KEY } from './api-key-connection.js';

export interface HeaderAuthTransportOptions {
  providerId: string;
  /** `lateral/<VERSION>` of the provider package. */
  userAgent: string;
  /** The headers that carry the key (and any other fixed header), from the connection. */
  authHeaders(apiKey: string, connection: ResolvedConnection): Record<string, string>;
}

/**
 * POSTs the format's body to the connection endpoint as it is, with the connection's `api-key`
 * in the headers `authHeaders` builds. Every request goes through core's `sendHttp` with the
 * injected dispatcher; the call's timeout falls back to the model's `client_timeout`.
 */
export function createHeaderAuthTransport(model: ResolvedModel, dependencies: TransportDependencies, options: HeaderAuthTransportOptions): Transport {
  const { providerId } = options;
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' has no '${providerId}.connection'.` });
  }
  const apiKey = connection.secrets[API_KEY];
  if (!apiKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_SECRET_MISSING',
      message: `The ${providerId} connection '${connection.name}' has no '${API_KEY}'.`,
    });
  }
  const fixedHeaders = options.authHeaders(apiKey, connection);
  return {
    send: (request) =>
      sendHttp({
        providerId,
        url: connection.endpoint,
        method: 'POST',
        // auth last, so a format header can never replace it
        headers: { 'user-agent': options.userAgent, ...request.headers, ...fixedHeaders },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? model.clientTimeoutMs,
        maxResponseBytes: request.maxResponseBytes,
      }),
  };
}
