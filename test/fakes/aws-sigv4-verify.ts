import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An independent AWS Signature Version 4 verifier for the Bedrock and SageMaker fakes, written on
 * node:crypto straight from the algorithm (provider-protocols §6.1). It deliberately shares no code
 * with `@smithy/signature-v4`, which the providers sign with, so a signing bug fails the tests.
 */

export interface AwsFakeCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry this `x-amz-security-token` (temporary credentials). */
  sessionToken?: string;
}

/** What the verifier needs of a request: everything as it arrived on the wire. */
export interface SignedRequest {
  method: string;
  /** The raw request target (path and query exactly as sent, still percent-encoded). */
  rawUrl: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface VerifyOptions {
  credentials: AwsFakeCredentials;
  region: string;
  service: string;
  /** The server's clock in ms (AWS refuses requests more than 5 minutes off). */
  now: number;
  maxSkewMs?: number;
}

export type VerifyResult =
  | { ok: true; accessKeyId: string; signedHeaders: string[] }
  | { ok: false; status: number; errorType: string; message: string };

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const FIVE_MINUTES_MS = 5 * 60 * 1000;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  const regionKey = hmac(dateKey, region);
  const serviceKey = hmac(regionKey, service);
  return hmac(serviceKey, 'aws4_request');
}

/** RFC 3986: only `A–Z a–z 0–9 - _ . ~` stay as they are; `%` itself becomes `%25`. */
export function rfc3986(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Canonical URI of a non-S3 service: drop empty and `.` segments, resolve `..`, then encode each
 * segment AS SENT once more (so a wire `%3A` becomes `%253A`).
 */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  if (segments.length === 0) return '/';
  const trailing = rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(rfc3986).join('/')}${trailing}`;
}

/** Decoded key/value pairs, re-encoded, sorted by key then value, `k=v` joined with `&`. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const key = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      return [rfc3986(decodeComponent(key)), rfc3986(decodeComponent(value))] as const;
    });
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA < keyB ? -1 : keyA > keyB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Trim, and collapse inner runs of whitespace to one space. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function canonicalRequest(request: SignedRequest, signedHeaders: string[], payloadHash: string): string {
  const question = request.rawUrl.indexOf('?');
  const rawPath = question < 0 ? request.rawUrl : request.rawUrl.slice(0, question);
  const rawQuery = question < 0 ? '' : request.rawUrl.slice(question + 1);
  const headerLines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(request.headers[name] ?? '')}\n`).join('');
  return [request.method.toUpperCase(), canonicalUri(rawPath), canonicalQuery(rawQuery), headerLines, signedHeaders.join(';'), payloadHash].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** The signature a correct client computes for `request` (used by the verifier and by tests). */
export function computeSignature(
  request: SignedRequest,
  input: { secretAccessKey: string; amzDate: string; region: string; service: string; signedHeaders: string[] },
): { canonicalRequest: string; stringToSign: string; signature: string } {
  const date = input.amzDate.slice(0, 8);
  const scope = `${date}/${input.region}/${input.service}/aws4_request`;
  const canonical = canonicalRequest(request, input.signedHeaders, sha256Hex(request.body));
  const toSign = stringToSign(input.amzDate, scope, canonical);
  const signature = createHmac('sha256', deriveSigningKey(input.secretAccessKey, date, input.region, input.service)).update(toSign, 'utf8').digest('hex');
  return { canonicalRequest: canonical, stringToSign: toSign, signature };
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !signature) return undefined;
  const [accessKeyId, date, region, service, terminator] = credential as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator, signedHeaders: signedHeaders.split(';'), signature };
}

function fail(errorType: string, message: string, status = 403): VerifyResult {
  return { ok: false, status, errorType, message };
}

/** `20150830T123600Z` → epoch ms, or undefined when malformed. */
export function parseAmzDate(amzDate: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
}

/**
 * Verifies a request as AWS's front end does and answers with AWS's error types and messages:
 * `MissingAuthenticationTokenException`, `IncompleteSignatureException`,
 * `UnrecognizedClientException` (unknown key, missing or wrong session token),
 * `InvalidSignatureException` (wrong signature, scope or expired date).
 */
export function verifySigV4(request: SignedRequest, options: VerifyOptions): VerifyResult {
  const header = request.headers.authorization;
  if (!header) return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseAuthorization(header);
  if (!auth) {
    return fail('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${header.split(' ')[0]}`);
  }
  const { credentials } = options;
  if (auth.accessKeyId !== credentials.accessKeyId) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const token = request.headers['x-amz-security-token'];
  if (credentials.sessionToken !== undefined && token !== credentials.sessionToken) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (credentials.sessionToken === undefined && token !== undefined) {
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const amzDate = request.headers['x-amz-date'];
  if (!amzDate) return fail('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return fail('IncompleteSignatureException', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  if (!auth.signedHeaders.includes('host')) return fail('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  if (!auth.signedHeaders.includes('x-amz-date')) return fail('InvalidSignatureException', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  if (token !== undefined && !auth.signedHeaders.includes('x-amz-security-token')) {
    return fail('InvalidSignatureException', "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const sorted = [...auth.signedHeaders].sort();
  if (sorted.join(';') !== auth.signedHeaders.join(';') || auth.signedHeaders.some((name) => name !== name.toLowerCase())) {
    return signatureMismatch(request, auth, options, amzDate);
  }
  if (auth.terminator !== 'aws4_request') return fail('InvalidSignatureException', "Credential should be scoped with a valid terminator: 'aws4_request', not '" + auth.terminator + "'.");
  if (auth.date !== amzDate.slice(0, 8)) {
    return fail('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  if (auth.region !== options.region) return fail('InvalidSignatureException', `Credential should be scoped to a valid region, not '${auth.region}'. `);
  if (auth.service !== options.service) return fail('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'. `);
  const skew = options.maxSkewMs ?? FIVE_MINUTES_MS;
  if (signedAt < options.now - skew) {
    return fail('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(options.now - skew)} (${formatAmzDate(options.now)} - 5 min.)`);
  }
  if (signedAt > options.now + skew) {
    return fail('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(options.now + skew)} (${formatAmzDate(options.now)} + 5 min.)`);
  }
  return signatureMismatch(request, auth, options, amzDate);
}

function signatureMismatch(request: SignedRequest, auth: ParsedAuthorization, options: VerifyOptions, amzDate: string): VerifyResult {
  const expected = computeSignature(request, {
    secretAccessKey: options.credentials.secretAccessKey,
    amzDate,
    region: options.region,
    service: options.service,
    signedHeaders: auth.signedHeaders,
  });
  const given = Buffer.from(auth.signature, 'utf8');
  const wanted = Buffer.from(expected.signature, 'utf8');
  if (given.length === wanted.length && timingSafeEqual(given, wanted)) {
    return { ok: true, accessKeyId: auth.accessKeyId, signedHeaders: auth.signedHeaders };
  }
  return fail(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n' +
      `The Canonical String for this request should have been\n'${expected.canonicalRequest}'\n\n` +
      `The String-to-Sign should have been\n'${expected.stringToSign}'\n`,
  );
}

export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
