import { MASK as MASK_TEXT } from '@lateral/spec';

/**
 * Credentials written into an endpoint URL: the user-info part (`https://user:password@host`)
 * and query parameters that carry keys. They are secrets like `api-key`: kept in the connection's
 * secrets, shown as `*****`, masked out of messages. Names compare case-insensitively.
 */
export const ENDPOINT_CREDENTIAL_PARAMS: readonly string[] = [
  // API keys (Google's `?key=`, and the usual spellings)
  'key',
  'api-key',
  'api_key',
  'apikey',
  'x-api-key',
  'subscription-key',
  'ocp-apim-subscription-key',
  // tokens
  'token',
  'access_token',
  'access-token',
  'auth',
  'auth_token',
  'id_token',
  'refresh_token',
  'client_secret',
  'secret',
  'password',
  'pwd',
  // Azure Functions keys and SAS signatures
  'code',
  'sig',
  'signature',
  // pre-signed AWS and Google Cloud Storage URLs
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-credential',
  'x-goog-signature',
  'x-goog-credential',
];

const CREDENTIAL_PARAMS = new Set(ENDPOINT_CREDENTIAL_PARAMS);

export function isCredentialParam(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // malformed escapes: judge the name as written
  }
  return CREDENTIAL_PARAMS.has(decoded.trim().toLowerCase());
}

/** A half-open range of a text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** A credential's place in an endpoint: the user-info, or the value of a credential parameter. */
export interface EndpointCredentialSpan extends TextSpan {
  kind: 'userinfo' | 'query';
}

/**
 * Where the credentials are in the URL text `text.slice(start, end)` — the user-info and the
 * values of credential parameters — read from the raw characters (the URL may be malformed or cut
 * off: it may come from a statement that does not parse). One pass, linear.
 */
export function endpointCredentialSpans(text: string, start = 0, end = text.length): EndpointCredentialSpan[] {
  const spans: EndpointCredentialSpan[] = [];
  let cursor = start;
  while (cursor < end && /\s/.test(text[cursor]!)) cursor += 1;
  // scheme "://" authority: the user-info is what precedes the authority's last '@'
  let schemeEnd = cursor;
  while (schemeEnd < end && /[A-Za-z0-9+.-]/.test(text[schemeEnd]!)) schemeEnd += 1;
  let pathStart = start;
  if (schemeEnd > cursor && text.startsWith('://', schemeEnd) && schemeEnd + 3 <= end) {
    const authorityStart = schemeEnd + 3;
    let authorityEnd = authorityStart;
    let at = -1;
    while (authorityEnd < end) {
      const char = text[authorityEnd]!;
      if (char === '/' || char === '?' || char === '#' || /\s/.test(char)) break;
      if (char === '@') at = authorityEnd;
      authorityEnd += 1;
    }
    if (at > authorityStart) spans.push({ kind: 'userinfo', start: authorityStart, end: at });
    pathStart = authorityEnd;
  }
  let query = pathStart;
  while (query < end && text[query] !== '?' && text[query] !== '#') query += 1;
  if (query >= end || text[query] !== '?') return spans;
  let paramStart = query + 1;
  while (paramStart <= end) {
    let paramEnd = paramStart;
    let equals = -1;
    while (paramEnd < end && text[paramEnd] !== '&' && text[paramEnd] !== '#') {
      if (equals < 0 && text[paramEnd] === '=') equals = paramEnd;
      paramEnd += 1;
    }
    if (equals > paramStart && paramEnd > equals + 1 && isCredentialParam(text.slice(paramStart, equals))) {
      spans.push({ kind: 'query', start: equals + 1, end: paramEnd });
    }
    if (paramEnd >= end || text[paramEnd] === '#') break;
    paramStart = paramEnd + 1;
  }
  return spans;
}

/**
 * The endpoint with its credentials shown as `*****` (a `${env:…}` reference stays: it reveals
 * nothing), for anything people read: DESCRIBE, SHOW CREATE, messages that quote the endpoint.
 */
export function maskEndpointCredentials(endpoint: string): string {
  const parts: string[] = [];
  let copied = 0;
  for (const span of endpointCredentialSpans(endpoint)) {
    if (PURE_ENV_REFERENCE.test(endpoint.slice(span.start, span.end))) continue;
    parts.push(endpoint.slice(copied, span.start), MASK_TEXT);
    copied = span.end;
  }
  parts.push(endpoint.slice(copied));
  return parts.join('');
}

/** Secret keys of the credentials taken out of an endpoint; no option can be named so (options are checked against the schema). */
const USERINFO_SECRET = 'endpoint.userinfo';
const QUERY_SECRET_PREFIX = 'endpoint.query.';

export function isEndpointSecretKey(key: string): boolean {
  return key === USERINFO_SECRET || key.startsWith(QUERY_SECRET_PREFIX);
}

function secretKeyOf(span: EndpointCredentialSpan, queryIndex: number): string {
  return span.kind === 'userinfo' ? USERINFO_SECRET : `${QUERY_SECRET_PREFIX}${queryIndex}`;
}

const PURE_ENV_REFERENCE = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

/**
 * Takes the credentials out of an endpoint as CREATE / ALTER CONNECTION stores it: each becomes
 * `*****` in the stored URL and its value a secret of the connection (kept with the other
 * secrets, never in the catalog). A `${env:NAME}` reference stays in place: it reveals nothing.
 */
export function splitEndpointCredentials(endpoint: string): { endpoint: string; secrets: Record<string, string> } {
  const secrets: Record<string, string> = {};
  const parts: string[] = [];
  let copied = 0;
  let queryIndex = 0;
  for (const span of endpointCredentialSpans(endpoint)) {
    const key = secretKeyOf(span, span.kind === 'query' ? queryIndex++ : 0);
    const value = endpoint.slice(span.start, span.end);
    if (PURE_ENV_REFERENCE.test(value) || value === MASK_TEXT) continue;
    secrets[key] = value;
    parts.push(endpoint.slice(copied, span.start), MASK_TEXT);
    copied = span.end;
  }
  parts.push(endpoint.slice(copied));
  return { endpoint: parts.join(''), secrets };
}

/** The endpoint a request goes to: the stored one with its credentials put back (the inverse of `splitEndpointCredentials`). */
export function joinEndpointCredentials(endpoint: string, secrets: Readonly<Record<string, string>>): string {
  if (!Object.keys(secrets).some(isEndpointSecretKey)) return endpoint;
  const parts: string[] = [];
  let copied = 0;
  let queryIndex = 0;
  for (const span of endpointCredentialSpans(endpoint)) {
    const value = secrets[secretKeyOf(span, span.kind === 'query' ? queryIndex++ : 0)];
    if (value === undefined || endpoint.slice(span.start, span.end) !== MASK_TEXT) continue;
    parts.push(endpoint.slice(copied, span.start), value);
    copied = span.end;
  }
  parts.push(endpoint.slice(copied));
  return parts.join('');
}

/** The secrets of a connection without those taken out of its endpoint. */
export function withoutEndpointSecrets(secrets: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).filter(([key]) => !isEndpointSecretKey(key)));
}
