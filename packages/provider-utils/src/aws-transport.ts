import { LateralError, sendHttp, type ResolvedModel, type Transport, type TransportDependencies, type TransportRequest } from '@lateral/spec';
import { awsCredentialsOf, awsRegionOf, type AwsEndpointRules } from './aws-connection.js';
import { canonicalWireUrl, signAwsRequest, signingTargetOf } from './aws-sigv4.js';

export interface AwsTransportOptions extends AwsEndpointRules {
  /** SigV4 signing name: `bedrock` for bedrock-runtime, `sagemaker` for runtime.sagemaker. */
  signingName: string;
  /** `lateral/<VERSION>` of the provider package. */
  userAgent: string;
  /** Headers the model's options ask for; sent last and signed with the rest. */
  optionHeaders(providerOptions: Record<string, string>): Record<string, string>;
  /** Rewrites the format's headers before signing (identity when absent). */
  requestHeaders?(headers: Record<string, string>): Record<string, string>;
}

/**
 * An AWS runtime call over SigV4: POST the format's body to the connection endpoint (as the
 * provider's parser normalised it), signed for the provider's service in the endpoint's region,
 * with the session token when there is one. Every request goes through core's `sendHttp` with
 * the injected dispatcher. The signature (and session token) of each request is registered with
 * the request's secret sink, so an error that echoes the headers is masked.
 */
export function createAwsTransport(model: ResolvedModel, dependencies: TransportDependencies, options: AwsTransportOptions): Transport {
  const { providerId } = options;
  const connection = model.connection;
  if (!connection) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_MISSING', message: `${providerId}: model '${model.name}' has no connection.` });
  }
  let endpoint: { url: URL; hostRegion?: string };
  try {
    endpoint = options.parseEndpoint(connection.endpoint);
  } catch (error) {
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: `${providerId}: ${(error as Error).message}` });
  }
  const credentials = awsCredentialsOf(providerId, connection);
  const region = awsRegionOf(options, endpoint.hostRegion, connection);
  if ('problem' in region) throw new LateralError({ code: region.code, message: region.problem });
  const url = canonicalWireUrl(endpoint.url);
  const target = signingTargetOf(url);
  const optionHeaders = options.optionHeaders(model.providerOptions);
  const requestHeaders = options.requestHeaders ?? ((headers: Record<string, string>) => headers);
  const now = dependencies.now ?? Date.now;

  return {
    async send(request: TransportRequest) {
      const headers = await signAwsRequest({
        method: 'POST',
        ...target,
        headers: { 'user-agent': options.userAgent, ...requestHeaders(request.headers), ...optionHeaders },
        body: request.body,
        credentials,
        region: region.region,
        service: options.signingName,
        signingDate: new Date(now()),
      });
      // undici writes the same Host from the URL; passing it twice would duplicate it
      delete headers.host;
      registerDerivedSecrets(request, headers);
      return sendHttp({
        providerId,
        url: url.href,
        method: 'POST',
        headers,
        body: request.body,
        dispatcher: dependencies.dispatcher,
        signal: request.signal,
        timeoutMs: request.timeoutMs,
        maxResponseBytes: request.maxResponseBytes,
      });
    },
  };
}

/** `Signature=<hex>` of the Authorization header, and the session token header, join the masked set. */
function registerDerivedSecrets(request: TransportRequest, headers: Record<string, string>): void {
  if (!request.secrets) return;
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const signature = authorization ? /Signature=([0-9a-f]+)/i.exec(authorization)?.[1] : undefined;
  if (signature) request.secrets.add(signature);
  const sessionToken = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-amz-security-token')?.[1];
  if (sessionToken) request.secrets.add(sessionToken);
}
