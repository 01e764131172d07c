import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies, type TransportRequest } from '@lateral/spec';
import { googleAIRequestUrl, parseGoogleAIEndpoint } from './googleai-endpoint.js';
import { BATCH_EMBED_OPERATION } from './formats/gemini-embed-format.js';

export const GOOGLEAI_PROVIDER_ID = 'googleai';

/**
 * Sends to the Gemini API with the key in `x-goog-api-key` (what current SDKs send; the 2024
 * engine's `?key=` would put the key in URLs, and URLs end up in logs). Requests go through core's
 * `sendHttp`, which names only origin and path in its messages.
 */
export function createGoogleAITransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `Model '${model.name}' needs a googleai connection ('googleai.connection').` });
  }
  const apiKey = connection.secrets['api-key'];
  if (!apiKey) {
    throw new LateralError({ code: 'LATERAL_ERR_SECRET_MISSING', message: `Connection '${connection.name}' has no 'api-key'.` });
  }
  const endpoint = connection.endpoint;
  const resource = parseGoogleAIEndpoint(endpoint).resource;
  return {
    send(request: TransportRequest) {
      const body = request.operation === BATCH_EMBED_OPERATION && resource ? withRequestModels(request.body, resource) : request.body;
      return sendHttp({
        providerId: GOOGLEAI_PROVIDER_ID,
        url: googleAIRequestUrl(endpoint, request.operation),
        headers: { ...request.headers, 'x-goog-api-key': apiKey },
        body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs,
        maxResponseBytes: request.maxResponseBytes,
      });
    },
  };
}

/**
 * batchEmbedContents wants `model` on every request, and the model is named by the endpoint path,
 * which only the transport sees (formats see the model's schema, not its connection). GEMINI-EMBED
 * leaves `model` out unless `googleai.model_version` set it; this fills it from the path.
 */
function withRequestModels(body: string | Uint8Array, resource: string): string | Uint8Array {
  if (typeof body !== 'string') return body;
  const parsed = JSON.parse(body) as { requests?: Array<Record<string, unknown>> };
  if (!Array.isArray(parsed.requests) || parsed.requests.every((r) => r.model !== undefined)) return body;
  parsed.requests = parsed.requests.map((r) => (r.model === undefined ? { model: resource, ...r } : r));
  return JSON.stringify(parsed);
}
