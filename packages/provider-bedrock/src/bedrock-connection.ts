import type { ConnectionSchema } from '@lateral/spec';
import { awsConnectionSchema, type AwsEndpointRules } from '@lateral/provider-utils';
import { parseBedrockEndpoint } from './bedrock-endpoint.js';

/** What the shared AWS connection code needs to know about Bedrock. */
export const BEDROCK_ENDPOINT_RULES: AwsEndpointRules = {
  providerId: 'bedrock',
  exampleRegion: 'us-east-1',
  parseEndpoint: parseBedrockEndpoint,
};

/**
 * `type = 'bedrock'` (confluent-dialect §3.3): access key and secret key together, an optional
 * session token (temporary credentials). `region` is a Lateral extension used only when the
 * endpoint host is not `bedrock-runtime.<region>.amazonaws.com` (a proxy, a local fake).
 */
export const bedrockConnectionSchema: ConnectionSchema = awsConnectionSchema(BEDROCK_ENDPOINT_RULES);
