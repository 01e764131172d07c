import {
  LateralError,
  sendHttp,
  type ResolvedModel,
  type Transport,
  type TransportDependencies,
  type TransportRequest,
} from '@lateral/core';
import { awsCredentialsOf, awsRegionOf } from './bedrock-connection.js';
import { parseBedrockEndpoint, type BedrockEndpoint } from './bedrock-endpoint.js';
import { bedrockOptionHeaders } from './bedrock-options.js';
import { canonicalWireUrl, signAwsRequest, signingTargetOf } from './bedrock-sigv4.js';
import { VERSION } from './version.js';

const PROVIDER_ID = 'bedrock';
/** SigV4 signing name of bedrock-runtime (not `bedrock-runtime`). */
export const BEDROCK_SIGNING_NAME = 'bedrock';

/**
 * InvokeModel over SigV4: POST the format's body to `…/model/<id>/invoke`, signed for
 * service `bedrock` in the endpoint's region, with the session token when there is one.
 * Every request goes through core's `sendHttp` with the injected dispatcher.
 */
export function createBedrockTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `${PROVIDER_ID}: model '${model.name}' has no connection.` });
  }
  let endpoint: BedrockEndpoint;
  try {
    endpoint = parseBedrockEndpoint(connection.endpoint);
  } catch (error) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: `${PROVIDER_ID}: ${(error as Error).message}` });
  }
  const credentials = awsCredentialsOf(PROVIDER_ID, connection);
  const region = awsRegionOf(PROVIDER_ID, endpoint.hostRegion, connection);
  if ('problem' in region) throw new LateralError({ code: region.code, message: region.problem });
  const url = canonicalWireUrl(endpoint.url);
  const target = signingTargetOf(url);
  const optionHeaders = bedrockOptionHeaders(model.providerOptions);
  const now = dependencies.now ?? Date.now;

  return {
    async send(request: TransportRequest) {
      const headers = await signAwsRequest({
        method: 'POST',
        ...target,
        headers: { 'user-agent': `lateral/${VERSION}`, ...request.headers, ...optionHeaders },
        body: request.body,
        credentials,
        region: region.region,
        service: BEDROCK_SIGNING_NAME,
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
