import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createAwsTransport } from '@lateral/provider-utils';
import { SAGEMAKER_ENDPOINT_RULES } from './sagemaker-connection.js';
import { sagemakerOptionHeaders } from './sagemaker-options.js';
import { VERSION } from './version.js';

/** SigV4 signing name of runtime.sagemaker. */
export const SAGEMAKER_SIGNING_NAME = 'sagemaker';

const TRITON_JSON_HEADER_LENGTH = 'inference-header-content-length';

/**
 * InvokeEndpoint over SigV4: POST the format's body to `…/endpoints/<name>/invocations`, signed
 * for service `sagemaker`, with the `X-Amzn-SageMaker-*` headers of the model's options (signed
 * too) and Triton's binary header size moved into the content type.
 */
export function createSageMakerTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createAwsTransport(model, dependencies, {
    ...SAGEMAKER_ENDPOINT_RULES,
    signingName: SAGEMAKER_SIGNING_NAME,
    userAgent: `lateral/${VERSION}`,
    optionHeaders: sagemakerOptionHeaders,
    requestHeaders: tritonBinaryHeaders,
  });
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
