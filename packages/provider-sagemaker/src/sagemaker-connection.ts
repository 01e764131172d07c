import type { ConnectionSchema } from '@lateral/spec';
import { awsConnectionSchema, type AwsEndpointRules } from '@lateral/provider-utils';
import { parseSageMakerEndpoint } from './sagemaker-endpoint.js';

/** What the shared AWS connection code needs to know about SageMaker. */
export const SAGEMAKER_ENDPOINT_RULES: AwsEndpointRules = {
  providerId: 'sagemaker',
  exampleRegion: 'us-west-2',
  parseEndpoint: parseSageMakerEndpoint,
};

/**
 * `type = 'sagemaker'` (confluent-dialect §3.3): access key and secret key together, an optional
 * session token. `region` is a Lateral extension used only when the endpoint host is not
 * `runtime.sagemaker.<region>.amazonaws.com` (a proxy, a local fake).
 */
export const sagemakerConnectionSchema: ConnectionSchema = awsConnectionSchema(SAGEMAKER_ENDPOINT_RULES);
