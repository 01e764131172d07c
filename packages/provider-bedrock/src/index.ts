export { plugin } from './bedrock-plugin.js';
export { bedrockProvider } from './bedrock-provider.js';
export { VERSION } from './version.js';
export { bedrockConnectionSchema } from './bedrock-connection.js';
export { bedrockModelOptions } from './bedrock-options.js';
export { bedrockFormatForModel, bedrockDefaultInputFormat, BEDROCK_FALLBACK_FORMAT } from './bedrock-default-format.js';
export { parseBedrockEndpoint, baseModelId } from './bedrock-endpoint.js';
export type { BedrockEndpoint } from './bedrock-endpoint.js';
export { describeBedrockError } from './bedrock-error.js';
// the AWS pieces moved to @lateral/provider-utils; re-exported so this package's API is unchanged
export { readAwsError, awsCodeRetryable, signAwsRequest, signingTargetOf, encodePathSegment, canonicalWireUrl } from '@lateral/provider-utils';
export type { AwsErrorShape, AwsCredentials, AwsSigningInput } from '@lateral/provider-utils';
export { createBedrockTransport, BEDROCK_SIGNING_NAME } from './bedrock-transport.js';
