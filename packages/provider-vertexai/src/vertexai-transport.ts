import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies, type TransportRequest, type TransportResponse } from '@lateral/spec';
import { normalizeVertexEndpoint } from './vertexai-endpoint.js';
import { parseServiceAccountKey } from './vertexai-service-key.js';
import { ServiceAccountTokenSource } from './vertexai-token-source.js';

export const VERTEXAI_PROVIDER_ID = 'vertexai';

/**
 * Sends to Vertex AI with `Authorization: Bearer <access token>` from the connection's service
 * key. The URL is the endpoint normalised for the model's input format (see vertexai-endpoint.ts).
 * A 401 on a cached token drops it and the request is sent once more with a new one (tokens can be
 * revoked before they expire); a 401 on a fresh token is the answer. Every token sent is
 * registered with the request's secret sink, so the call's masker hides it.
 */
export function createVertexAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' needs a vertexai connection ('vertexai.connection').` });
  }
  const serviceKey = connection.secrets['service-key'];
  if (!serviceKey) {
    throw new LateralError({ code: 'LATERAL_ERR_SECRET_MISSING', message: `Connection '${connection.name}' has no 'service-key'.` });
  }
  const parsed = parseServiceAccountKey(serviceKey);
  if (!parsed.ok) {
    throw new LateralError({ code: 'LATERAL_ERR_PROVIDER_AUTH', message: `Connection '${connection.name}': ${parsed.problem}` });
  }
  const tokens = new ServiceAccountTokenSource({
    providerId: VERTEXAI_PROVIDER_ID,
    key: parsed.key,
    dispatcher: dependencies.dispatcher,
    now: dependencies.now,
    secrets: [serviceKey],
  });
  const url = normalizeVertexEndpoint(connection.endpoint, model.inputFormat.id);

  async function sendWith(request: TransportRequest, token: string): Promise<TransportResponse> {
    // the access token is a credential of its own: a 401 that echoes our headers must not show it
    request.secrets?.add(token);
    return sendHttp({
      providerId: VERTEXAI_PROVIDER_ID,
      url,
      headers: { ...request.headers, authorization: `Bearer ${token}` },
      body: request.body,
      dispatcher: dependencies.dispatcher,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      maxResponseBytes: request.maxResponseBytes,
    });
  }

  return {
    async send(request) {
      const first = await tokens.getToken(request.signal);
      const response = await sendWith(request, first.token);
      if (response.status !== 401 || first.fresh) return response;
      tokens.invalidate(first.token);
      const second = await tokens.getToken(request.signal);
      return sendWith(request, second.token);
    },
  };
}
