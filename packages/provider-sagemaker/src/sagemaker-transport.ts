import {
  LateralError,
  sendHttp,
  type ResolvedModel,
  type Transport,
  type TransportDependencies,
  type TransportRequest,
} from '@lateral/core';
import { awsCredentialsOf, awsRegionOf } from './sagemaker-connection.js';
import { parseSageMakerEndpoint, type SageMakerEndpoint } from './sagemaker-endpoint.js';
import { sagemakerOptionHeaders } from './sagemaker-options.js';
import { canonicalWireUrl, signAwsRequest, signingTargetOf } from './sagemaker-sigv4.js';
import { VERSION } from './version.js';

const PROVIDER_ID = 'sagemaker';
/** SigV4 signing name of runtime.sagemaker. */
export const SAGEMAKER_SIGNING_NAME = 'sagemaker';

const TRITON_JSON_HEADER_LENGTH = 'inference-header-content-length';

/**
 * InvokeEndpoint over SigV4: POST the format's body to `…/endpoints/<name>/invocations`, signed
 * for service `sagemaker`, with the `X-Amzn-SageMaker-*` headers of the model's options (signed
 * too). Every request goes through core's `sendHttp` with the injected dispatcher.
 */
export function createSageMakerTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `${PROVIDER_ID}: model '${model.name}' has no connection.` });
  }
  let endpoint: SageMakerEndpoint;
  try {
    endpoint = parseSageMakerEndpoint(connection.endpoint);
  } catch (error) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: `${PROVIDER_ID}: ${(error as Error).message}` });
  }
  const credentials = awsCredentialsOf(PROVIDER_ID, connection);
  const region = awsRegionOf(PROVIDER_ID, endpoint.hostRegion, connection);
  if ('problem' in region) throw new LateralError({ code: region.code, message: region.problem });
  const url = canonicalWireUrl(endpoint.url);
  const target = signingTargetOf(url);
  const optionHeaders = sagemakerOptionHeaders(model.providerOptions);
  const now = dependencies.now ?? Date.now;

  return {
    async send(request: TransportRequest) {
      const headers = await signAwsRequest({
        method: 'POST',
        ...target,
        headers: { 'user-agent': `lateral/${VERSION}`, ...tritonBinaryHeaders(request.headers), ...optionHeaders },
        body: request.body,
        credentials,
        region: region.region,
        service: SAGEMAKER_SIGNING_NAME,
        signingDate: new Date(now()),
      });
      // undici writes the same Host from the URL; passing it twice would duplicate it
      delete headers.host;
      return sendHttp({
        providerId: PROVIDER_ID,
        url: url.href,
        method: 'POST',
        headers,
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs,
      });
    },
  };
}

/**
 * SageMaker passes only its own headers to the container, so a Triton binary request cannot
 * carry `Inference-Header-Content-Length`: the JSON header size travels in the content type
 * instead, as `application/vnd.sagemaker-triton.binary+json;json-header-size=<n>` (§9.6 note).
 */
export function tritonBinaryHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  let jsonHeaderSize: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === TRITON_JSON_HEADER_LENGTH) jsonHeaderSize = value;
    else result[name.toLowerCase()] = value;
  }
  if (jsonHeaderSize !== undefined) {
    result['content-type'] = `application/vnd.sagemaker-triton.binary+json;json-header-size=${jsonHeaderSize.trim()}`;
  }
  return result;
}
