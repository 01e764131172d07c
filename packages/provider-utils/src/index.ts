export { API_KEY, apiKeyConnectionSchema } from './api-key-connection.js';
export type { ApiKeyConnectionOptions } from './api-key-connection.js';
export { validateHttpEndpoint } from './http-endpoint.js';
export { openAICompatibleDefaultInputFormat, isChatEndpoint, isEmbeddingsEndpoint } from './openai-compatible-default-format.js';
export { openAICompatibleFormatMismatch } from './openai-compatible-model-checks.js';
export type { FormatMismatchOptions } from './openai-compatible-model-checks.js';
export { readErrorEnvelope, errorText } from './error-envelope.js';
export { createHeaderAuthTransport } from './header-auth-transport.js';
export type { HeaderAuthTransportOptions } from './header-auth-transport.js';
export { signAwsRequest, signingTargetOf, encodePathSegment, canonicalWireUrl } from './aws-sigv4.js';
export type { AwsCredentials, AwsSigningInput } from './aws-sigv4.js';
export { readAwsError, awsCodeRetryable, AWS_THROTTLING_CODES, AWS_TRANSIENT_CODES, AWS_FINAL_CODES } from './aws-error.js';
export type { AwsErrorShape } from './aws-error.js';
export { awsEndpointUrl, awsHostRegion } from './aws-endpoint.js';
export {
  AWS_ACCESS_KEY,
  AWS_SECRET_KEY,
  AWS_SESSION_TOKEN,
  REGION_OPTION,
  awsConnectionSchema,
  awsCredentialsOf,
  awsRegionOf,
  awsConnectionDiagnostics,
} from './aws-connection.js';
export type { AwsEndpointRules, AwsRegion } from './aws-connection.js';
export { createAwsTransport } from './aws-transport.js';
export type { AwsTransportOptions } from './aws-transport.js';
export { OPENAI_STYLE_RATE_LIMIT_HEADERS } from './rate-limit-headers.js';
