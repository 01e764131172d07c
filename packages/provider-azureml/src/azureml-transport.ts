import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies, type TransportRequest } from '@lateral/spec';
import { API_KEY } from './azureml-connection.js';
import { azuremlOptionHeaders } from './azureml-options.js';
import { VERSION } from './version.js';

const PROVIDER_ID = 'azureml';

/**
 * POST the format's body to the connection endpoint as is, with `Authorization: Bearer <key>`
 * and `azureml-model-deployment` when `azureml.deployment_name` is set. Every request goes
 * through core's `sendHttp` with the injected dispatcher.
 */
export function createAzureMLTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `${PROVIDER_ID}: model '${model.name}' has no connection.` });
  }
  const apiKey = connection.secrets[API_KEY];
  if (!apiKey) {
    throw new LateralError({ code: 'LATERAL_ERR_PROVIDER_AUTH', message: `${PROVIDER_ID}: connection '${connection.name}' has no '${API_KEY}'.` });
  }
  const fixedHeaders = {
    'user-agent': `lateral/${VERSION}`,
    ...azuremlOptionHeaders(model.providerOptions),
    authorization: `Bearer ${apiKey}`,
  };

  return {
    send(request: TransportRequest) {
      return sendHttp({
        providerId: PROVIDER_ID,
        url: connection.endpoint,
        method: 'POST',
        headers: { ...request.headers, ...fixedHeaders },
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs,
        maxResponseBytes: request.maxResponseBytes,
      });
    },
  };
}
