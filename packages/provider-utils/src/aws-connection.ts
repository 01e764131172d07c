import { LateralError, type ConnectionSchema, type Diagnostic, type ResolvedConnection } from '@lateral/spec';
import type { AwsCredentials } from './aws-sigv4.js';

export const AWS_ACCESS_KEY = 'aws-access-key';
export const AWS_SECRET_KEY = 'aws-secret-key';
export const AWS_SESSION_TOKEN = 'aws-session-token';
export const REGION_OPTION = 'region';

/** What an AWS runtime provider (bedrock, sagemaker) tells the shared connection code. */
export interface AwsEndpointRules {
  /** Provider id and connection type, e.g. `bedrock`. */
  providerId: string;
  /** The region named in messages as an example, e.g. `us-east-1`. */
  exampleRegion: string;
  /** Parses an endpoint; throws a plain Error with a user-facing message when it is not usable. */
  parseEndpoint(endpoint: string): { url: URL; hostRegion?: string };
}

export type AwsRegion = { region: string } | { problem: string; code: 'LATERAL_ERR_OPTION_MISSING' | 'LATERAL_ERR_OPTION_CONFLICT' };

/**
 * `type = '<providerId>'` (confluent-dialect §3.3): access key and secret key together, an
 * optional session token (temporary credentials). `region` is a Lateral extension used only when
 * the endpoint host is not AWS's (a proxy, a local fake).
 */
export function awsConnectionSchema(rules: AwsEndpointRules): ConnectionSchema {
  return {
    types: [rules.providerId],
    secretKeys: [AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_SESSION_TOKEN],
    requiredKeys: [AWS_ACCESS_KEY, AWS_SECRET_KEY],
    optionalKeys: [
      {
        key: REGION_OPTION,
        type: 'string',
        description: `AWS region to sign for when the endpoint host does not name one (e.g. '${rules.exampleRegion}' for a proxy or a local fake).`,
      },
    ],
    validateEndpoint(endpoint) {
      try {
        rules.parseEndpoint(endpoint);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
    // The signing region must be known when the connection is created, not first at CREATE MODEL.
    validateOptions(endpoint, options) {
      let hostRegion: string | undefined;
      try {
        hostRegion = rules.parseEndpoint(endpoint).hostRegion;
      } catch {
        return [];
      }
      const region = awsRegionOf(rules, hostRegion, { options } as unknown as ResolvedConnection);
      return 'problem' in region ? [{ code: region.code, option: REGION_OPTION, message: region.problem }] : [];
    },
  };
}

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
export function awsRegionOf(rules: AwsEndpointRules, hostRegion: string | undefined, connection: ResolvedConnection | undefined): AwsRegion {
  const option = connection?.options[REGION_OPTION]?.trim() || undefined;
  if (hostRegion && option && hostRegion !== option) {
    return {
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      problem: `${rules.providerId}: connection option '${REGION_OPTION}' = '${option}' contradicts the endpoint's region '${hostRegion}'.`,
    };
  }
  const region = hostRegion ?? option;
  if (region) return { region };
  return {
    code: 'LATERAL_ERR_OPTION_MISSING',
    problem: `${rules.providerId}: the endpoint host does not name an AWS region; set the connection option '${REGION_OPTION}' (e.g. '${rules.exampleRegion}').`,
  };
}

/** CREATE MODEL checks of the connection: a usable endpoint and a signing region. */
export function awsConnectionDiagnostics(rules: AwsEndpointRules, connection: ResolvedConnection | undefined): Diagnostic[] {
  if (!connection) return [];
  try {
    const endpoint = rules.parseEndpoint(connection.endpoint);
    const region = awsRegionOf(rules, endpoint.hostRegion, connection);
    return 'problem' in region ? [{ code: region.code, message: region.problem, option: REGION_OPTION }] : [];
  } catch (error) {
    return [{ code: 'LATERAL_ERR_OPTION_INVALID', message: (error as Error).message, option: 'endpoint' }];
  }
}
