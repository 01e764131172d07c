import { LateralError, type ConnectionSchema, type ResolvedConnection } from '@lateral/core';
import { parseSageMakerEndpoint } from './sagemaker-endpoint.js';
import type { AwsCredentials } from './sagemaker-sigv4.js';

export const AWS_ACCESS_KEY = 'aws-access-key';
export const AWS_SECRET_KEY = 'aws-secret-key';
export const AWS_SESSION_TOKEN = 'aws-session-token';
export const REGION_OPTION = 'region';

/**
 * `type = 'sagemaker'` (confluent-dialect §3.3): access key and secret key together, an optional
 * session token. `region` is a Lateral extension used only when the endpoint host is not
 * `runtime.sagemaker.<region>.amazonaws.com` (a proxy, a local fake).
 */
export const sagemakerConnectionSchema: ConnectionSchema = {
  types: ['sagemaker'],
  secretKeys: [AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_SESSION_TOKEN],
  requiredKeys: [AWS_ACCESS_KEY, AWS_SECRET_KEY],
  optionalKeys: [
    {
      key: REGION_OPTION,
      type: 'string',
      description: "AWS region to sign for when the endpoint host does not name one (e.g. 'us-west-2' for a proxy or a local fake).",
    },
  ],
  validateEndpoint(endpoint) {
    try {
      parseSageMakerEndpoint(endpoint);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
};

/** The connection's AWS credentials; a missing key is an auth failure before any request. */
export function awsCredentialsOf(providerId: string, connection: ResolvedConnection | undefined): AwsCredentials {
  const accessKeyId = connection?.secrets[AWS_ACCESS_KEY];
  const secretAccessKey = connection?.secrets[AWS_SECRET_KEY];
  if (!accessKeyId || !secretAccessKey) {
    throw new LateralError({
      code: 'LATERAL_ERR_PROVIDER_AUTH',
      message: `${providerId}: connection '${connection?.name ?? '?'}' needs both '${AWS_ACCESS_KEY}' and '${AWS_SECRET_KEY}'.`,
    });
  }
  const sessionToken = connection?.secrets[AWS_SESSION_TOKEN];
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/**
 * The signing region: the host's when the host is AWS's, else the connection's `region`.
 * Returns a problem instead when neither says, or when they disagree.
 */
export function awsRegionOf(
  providerId: string,
  hostRegion: string | undefined,
  connection: ResolvedConnection | undefined,
): { region: string } | { problem: string; code: 'LATERAL_ERR_OPTION_MISSING' | 'LATERAL_ERR_OPTION_CONFLICT' } {
  const option = connection?.options[REGION_OPTION]?.trim() || undefined;
  if (hostRegion && option && hostRegion !== option) {
    return {
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      problem: `${providerId}: connection option '${REGION_OPTION}' = '${option}' contradicts the endpoint's region '${hostRegion}'.`,
    };
  }
  const region = hostRegion ?? option;
  if (region) return { region };
  return {
    code: 'LATERAL_ERR_OPTION_MISSING',
    problem: `${providerId}: the endpoint host does not name an AWS region; set the connection option '${REGION_OPTION}' (e.g. 'us-west-2').`,
  };
}
