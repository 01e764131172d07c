import { parseGoDuration, type RateLimitHeaderNames } from '@lateral/spec';

/**
 * What a provider's rate-limit headers say (provider-protocols §3.6, §4.4, §5.5). Which headers
 * carry them is the provider's declaration (`ProviderV1.rateLimitSignals`: OpenAI and Azure
 * `x-ratelimit-*` with Go-duration resets, Anthropic `anthropic-ratelimit-*` with RFC 3339
 * resets). Absent or nonsensical values (Azure sends `-1`) are left undefined.
 */
export interface RateLimitSignals {
  limitRequests?: number;
  remainingRequests?: number;
  /** Milliseconds until the request limit is replenished. */
  resetRequestsMs?: number;
  limitTokens?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

/** The retry hints every provider may send (read by the retry policy), kept as they are. */
const KEPT_NAMES = ['retry-after', 'retry-after-ms', 'x-amz-retry-after'];
const SIGNAL_FIELDS = ['limitRequests', 'remainingRequests', 'resetRequests', 'limitTokens', 'remainingTokens', 'resetTokens'] as const;
/** Picked signals travel under these neutral keys, whatever header the provider used. */
const SIGNAL_KEY = 'lateral-ratelimit-';

/**
 * The headers pacing needs, so a worker returns a few strings instead of every header: the retry
 * hints, and for each signal the first header the provider declares that is present.
 */
export function pickRateLimitHeaders(headers: Record<string, string>, names: RateLimitHeaderNames = {}): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of KEPT_NAMES) if (headers[name] !== undefined) picked[name] = headers[name];
  for (const field of SIGNAL_FIELDS) {
    const header = names[field]?.find((name) => headers[name] !== undefined);
    if (header !== undefined) picked[SIGNAL_KEY + field] = headers[header]!;
  }
  return picked;
}

/** Reads what pickRateLimitHeaders kept. */
export function parseRateLimitHeaders(picked: Record<string, string>, now: number = Date.now()): RateLimitSignals {
  const signals: RateLimitSignals = {
    limitRequests: count(picked[`${SIGNAL_KEY}limitRequests`]),
    remainingRequests: count(picked[`${SIGNAL_KEY}remainingRequests`]),
    resetRequestsMs: resetMs(picked[`${SIGNAL_KEY}resetRequests`], now),
    limitTokens: count(picked[`${SIGNAL_KEY}limitTokens`]),
    remainingTokens: count(picked[`${SIGNAL_KEY}remainingTokens`]),
    resetTokensMs: resetMs(picked[`${SIGNAL_KEY}resetTokens`], now),
  };
  for (const key of Object.keys(signals) as Array<keyof RateLimitSignals>) if (signals[key] === undefined) delete signals[key];
  return signals;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** A reset is a Go duration (`6m0s`), plain seconds (`20`) or an RFC 3339 time. */
function resetMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const duration = parseGoDuration(value);
  if (duration !== undefined) return duration;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// parseGoDuration lives in @lateral/spec (providers read Go durations too); re-exported for the kernel's callers.
export { parseGoDuration };
