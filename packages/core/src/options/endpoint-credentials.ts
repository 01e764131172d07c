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

/**
 * Where the credentials are in the URL text `text.slice(start, end)` — the user-info and the
 * values of credential parameters — read from the raw characters (the URL may be malformed or cut
 * off: it may come from a statement that does not parse). One pass, linear.
 */
export function endpointCredentialSpans(text: string, start = 0, end = text.length): TextSpan[] {
  const spans: TextSpan[] = [];
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
    if (at > authorityStart) spans.push({ start: authorityStart, end: at });
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
      spans.push({ start: equals + 1, end: paramEnd });
    }
    if (paramEnd >= end || text[paramEnd] === '#') break;
    paramStart = paramEnd + 1;
  }
  return spans;
}
