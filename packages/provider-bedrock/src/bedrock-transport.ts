import type { ResolvedModel, Transport, TransportDependencies } from '@lateral/spec';
import { createAwsTransport } from '@lateral/provider-utils';
import { BEDROCK_ENDPOINT_RULES } from './bedrock-connection.js';
import { bedrockOptionHeaders } from './bedrock-options.js';
import { VERSION } from './version.js';

/** SigV4 signing name of bedrock-runtime (not `bedrock-runtime`). */
export const BEDROCK_SIGNING_NAME = 'bedrock';

/**
 * InvokeModel over SigV4: POST the format's body to `…/model/<id>/invoke`, signed for
 * service `bedrock` in the endpoint's region, with the session token when there is one and the
 * `X-Amzn-Bedrock-*` headers of the model's options (signed too).
 */
export function createBedrockTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport {
  return createAwsTransport(model, dependencies, {
    ...BEDROCK_ENDPOINT_RULES,
    signingName: BEDROCK_SIGNING_NAME,
    userAgent: `lateral/${VERSION}`,
    optionHeaders: bedrockOptionHeaders,
  });
}
