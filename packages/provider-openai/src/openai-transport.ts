import { LateralError, sendHttp, type ResolvedConnection, type ResolvedModel, type Transport, type TransportDependencies } from '@lateral/core';
import { VERSION } from './version.js';

const USER_AGENT = `lateral/${VERSION}`;

/**
 * Posts the format's body to the connection endpoint as it is, with `Authorization: Bearer
 * <api-key>` and the optional organization/project headers (openai-node sends the same).
 */
export function createOpenAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = requireConnection(model);
  const apiKey = connection.secrets['api-key'];
  if (!apiKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_SECRET_MISSING',
      message: `The openai connection '${connection.name}' has no 'api-key'.`,
    });
  }
  const fixedHeaders: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (connection.options.organization) fixedHeaders['openai-organization'] = connection.options.organization;
  if (connection.options.project) fixedHeaders['openai-project'] = connection.options.project;

  return {
    send: (request) =>
      sendHttp({
        providerId: 'openai',
        url: connection.endpoint,
        method: 'POST',
        // auth last, so a format header can never replace it
        headers: { 'user-agent': USER_AGENT, ...request.headers, ...fixedHeaders },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs ?? model.clientTimeoutMs,
      }),
  };
}

function requireConnection(model: ResolvedModel): ResolvedConnection {
  if (!model.connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' has no 'openai.connection'.` });
  }
  return model.connection;
}
