import type { ProviderErrorInfo } from '../contracts/provider.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { maskAndTruncate } from '../errors/mask-secrets.js';

/**
 * Retryability is decided here and nowhere else (provider-protocols §2.4): 408, 429, 500, 502,
 * 503, 504 and Anthropic's 529 are retried, as are connection errors and timeouts (raised as
 * retryable by sendHttp). 400, 401, 403, 404, 422 and 424 are final. A provider may overrule the
 * status rule through `describeError` (OpenAI `insufficient_quota` 429s are final; AWS throttling
 * codes are retryable whatever the status).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504, 529]);

/**
 * Connection failures are retried (a refused or reset connection may be a restarting server),
 * except a host name that does not resolve: ENOTFOUND is a typo or a missing network, and four
 * retries only delay the error. EAI_AGAIN (a DNS server that timed out) is still retried.
 */
const FINAL_CONNECTION_CODES: ReadonlySet<string> = new Set(['ENOTFOUND']);

export function isRetryableConnectionFailure(code: string | undefined): boolean {
  return code === undefined || !FINAL_CONNECTION_CODES.has(code);
}

/** Longest server hint we honour; longer hints fall back to our own backoff. */
export const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

export interface HttpFailure {
  providerId: string;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  info?: ProviderErrorInfo;
  /** Secrets and string inputs to mask out of the body before it is kept anywhere. */
  sensitive: Iterable<string>;
}

export function classifyHttpFailure(failure: HttpFailure): ProviderCallError {
  const { providerId, status, headers, info } = failure;
  const retryable = info?.retryable ?? RETRYABLE_STATUSES.has(status);
  const maskedBody = failure.bodyText === '' ? undefined : maskAndTruncate(failure.bodyText, failure.sensitive);
  const detail = info?.message ? maskAndTruncate(info.message, failure.sensitive, 300) : undefined;
  return new ProviderCallError({
    code: 'LATERAL_ERR_PROVIDER_HTTP',
    message:
      `${providerId}: received bad response code ${status}` +
      `${info?.code ? ` (${info.code})` : ''}: ${detail ?? maskedBody ?? '<no body>'}`,
    providerId,
    status,
    maskedBody,
    retryable,
    retryAfterMs: retryAfterFromHeaders(headers) ?? honouredHint(info?.retryAfterMs),
    providerCode: info?.code,
  });
}

/**
 * Server hints in order of precision: `retry-after-ms`, `retry-after` (seconds or HTTP-date),
 * `x-amz-retry-after` (ms). Negative, non-finite or over-long hints are ignored.
 */
export function retryAfterFromHeaders(headers: Record<string, string>, now = Date.now()): number | undefined {
  const candidates: Array<number | undefined> = [
    parseFloatHeader(headers['retry-after-ms']),
    parseRetryAfter(headers['retry-after'], now),
    parseFloatHeader(headers['x-amz-retry-after']),
  ];
  for (const ms of candidates) {
    if (ms !== undefined && Number.isFinite(ms) && ms >= 0 && ms <= MAX_HONOURED_RETRY_AFTER_MS) return ms;
  }
  return undefined;
}

/** A provider's own hint (from its error body) obeys the same bounds as the headers. */
function honouredHint(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 && ms <= MAX_HONOURED_RETRY_AFTER_MS ? ms : undefined;
}

function parseFloatHeader(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isNaN(number) ? undefined : number;
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
