import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** Long-term (`AKIA…`) or temporary (`ASIA…` + session token) AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsSigningInput {
  method: 'GET' | 'POST';
  /** Host header value: the hostname, plus `:port` when the port is not the scheme's default. */
  host: string;
  /** The path exactly as it goes on the wire (already percent-encoded): it is signed as sent. */
  path: string;
  /** Decoded query parameters; repeated keys as arrays. */
  query?: Record<string, string | string[]>;
  /** Headers to send and sign (the signer adds x-amz-date and x-amz-security-token). */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  credentials: AwsCredentials;
  region: string;
  /** Signing name: `bedrock` for bedrock-runtime, `sagemaker` for runtime.sagemaker. */
  service: string;
  signingDate: Date;
  /**
   * Adds and signs `x-amz-content-sha256` as the JavaScript SDK does. Off by default, like
   * botocore: neither Bedrock nor SageMaker requires it.
   */
  applyChecksum?: boolean;
}

/**
 * Signs a request with AWS Signature Version 4 through `@smithy/signature-v4` (the AWS SDK's
 * own signer) and returns the headers to send: the caller's headers (names lower-cased) plus
 * `host`, `x-amz-date`, `x-amz-security-token` when there is a session token, and
 * `authorization`. The signer URI-encodes each path segment once more, which is what AWS
 * expects: a model id sent as `…v1%3A0` is signed as `…v1%253A0`.
 */
export async function signAwsRequest(input: AwsSigningInput): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  headers.host = input.host;
  const request = new HttpRequest({
    method: input.method,
    hostname: input.host,
    path: input.path,
    query: input.query ?? {},
    headers,
    body: input.body,
  });
  const signer = new SignatureV4({
    service: input.service,
    region: input.region,
    credentials: input.credentials,
    sha256: Sha256,
    applyChecksum: input.applyChecksum ?? false,
  });
  const signed = await signer.sign(request, { signingDate: input.signingDate });
  return { ...(signed.headers as Record<string, string>) };
}

/** Host, wire path and decoded query of a URL, as `signAwsRequest` takes them. */
export function signingTargetOf(url: URL): Pick<AwsSigningInput, 'host' | 'path' | 'query'> {
  return { host: url.host, path: url.pathname, query: queryOf(url) };
}

/** Query parameters as the signer wants them: repeated keys become arrays. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

/**
 * RFC 3986 encoding of one path segment (everything but `A–Z a–z 0–9 - _ . ~`), as the AWS SDKs
 * encode a label: a Bedrock model id keeps its `:` as `%3A`, an ARN's `/` becomes `%2F`.
 */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Rewrites the query so that the bytes sent are the ones the signer canonicalises (space as
 * `%20`, never `+`): AWS decodes the wire query and re-encodes it before comparing.
 */
export function canonicalWireUrl(url: URL): URL {
  const wire = new URL(url.href);
  const pairs = [...url.searchParams].map(([key, value]) => `${encodePathSegment(key)}=${encodePathSegment(value)}`);
  wire.search = pairs.length === 0 ? '' : `?${pairs.join('&')}`;
  return wire;
}
