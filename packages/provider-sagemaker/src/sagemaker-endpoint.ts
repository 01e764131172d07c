import { awsEndpointUrl, awsHostRegion } from '@lateral/provider-utils';

/** What Lateral reads from a SageMaker connection endpoint. */
export interface SageMakerEndpoint {
  /** The URL requests go to (no trailing `/`). */
  url: URL;
  endpointName: string;
  /** The AWS region read from the host, when the host is SageMaker runtime's. */
  hostRegion?: string;
}

const INVOCATIONS_PATH = /^(?<prefix>.*?)\/endpoints\/(?<name>[^/]+)\/invocations\/?$/;

/** `runtime.sagemaker.<region>.amazonaws.com` and `runtime-fips.sagemaker.<region>…` (VPC and China forms too). */
const SAGEMAKER_HOST_LABEL = 'runtime(?:-fips)?\\.sagemaker';

/** InvokeEndpoint's EndpointName: at most 63 characters, `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`. */
const ENDPOINT_NAME = /^[a-zA-Z0-9](?:-*[a-zA-Z0-9])*$/;

export const SAGEMAKER_ENDPOINT_SHAPE = 'http(s)://<host>/endpoints/<endpoint-name>/invocations';

/** Parses an endpoint; throws a plain Error with a user-facing message when it is not usable. */
export function parseSageMakerEndpoint(endpoint: string): SageMakerEndpoint {
  const url = awsEndpointUrl('sagemaker', endpoint, SAGEMAKER_ENDPOINT_SHAPE);
  const match = INVOCATIONS_PATH.exec(url.pathname);
  if (!match?.groups) throw new Error(`For sagemaker endpoint expected to match ${SAGEMAKER_ENDPOINT_SHAPE}, got ${endpoint}`);
  const endpointName = match.groups.name!;
  if (endpointName.length > 63 || !ENDPOINT_NAME.test(endpointName)) {
    throw new Error(`SageMaker endpoint name '${endpointName}' must be at most 63 letters, digits and hyphens, starting and ending with a letter or digit.`);
  }
  const normalised = new URL(url.href);
  // the SDKs send no trailing `/`; the path sent is the path signed
  normalised.pathname = `${match.groups.prefix ?? ''}/endpoints/${endpointName}/invocations`;
  return { url: normalised, endpointName, hostRegion: awsHostRegion(url.hostname, SAGEMAKER_HOST_LABEL) };
}
