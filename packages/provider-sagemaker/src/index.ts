export { plugin } from './sagemaker-plugin.js';
export { sagemakerProvider } from './sagemaker-provider.js';
export { VERSION } from './version.js';
export { sagemakerConnectionSchema } from './sagemaker-connection.js';
export { sagemakerModelOptions, sagemakerOptionHeaders } from './sagemaker-options.js';
export { sagemakerDefaultInputFormat, SAGEMAKER_DEFAULT_FORMAT } from './sagemaker-default-format.js';
export { parseSageMakerEndpoint } from './sagemaker-endpoint.js';
export type { SageMakerEndpoint } from './sagemaker-endpoint.js';
export { describeSageMakerError } from './sagemaker-error.js';
// the SigV4 signer moved to @lateral/provider-utils; re-exported so this package's API is unchanged
export { signAwsRequest } from '@lateral/provider-utils';
export type { AwsCredentials, AwsSigningInput } from '@lateral/provider-utils';
export { createSageMakerTransport, tritonBinaryHeaders, SAGEMAKER_SIGNING_NAME } from './sagemaker-transport.js';
