/**
 * What a provider's rate-limit headers say (provider-protocols §3.6, §4.4, §5.5): OpenAI and
 * Azure `x-ratelimit-*` (resets as Go durations `1s`, `6m0s`, `12ms`), Anthropic
 * `anthropic-ratelimit-*` (resets as RFC 3339 times). Absent or nonsensical values (Azure sends
 * `-1`) are left undefined.
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

const KEPT_PREFIXES = ['x-ratelimit-', 'anthropic-ratelimit-'];
const KEPT_NAMES = new Set(['retry-after', 'retry-after-ms', 'x-amz-retry-after']);

/** The headers pacing needs, so a worker returns a few strings instead of every header. */
export function pickRateLimitHeaders(headers: Record<string, string>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (KEPT_NAMES.has(name) || KEPT_PREFIXES.some((prefix) => name.startsWith(prefix))) picked[name] = value;
  }
  return picked;
}

export function parseRateLimitHeaders(headers: Record<string, string>, now: number = Date.now()): RateLimitSignals {
  const signals: RateLimitSignals = {
    limitRequests: count(headers['x-ratelimit-limit-requests'] ?? headers['anthropic-ratelimit-requests-limit']),
    remainingRequests: count(headers['x-ratelimit-remaining-requests'] ?? headers['anthropic-ratelimit-requests-remaining']),
    resetRequestsMs: resetMs(headers['x-ratelimit-reset-requests'] ?? headers['anthropic-ratelimit-requests-reset'], now),
    limitTokens: count(
      headers['x-ratelimit-limit-tokens'] ??
        headers['anthropic-ratelimit-tokens-limit'] ??
        headers['anthropic-ratelimit-input-tokens-limit'],
    ),
    remainingTokens: count(
      headers['x-ratelimit-remaining-tokens'] ??
        headers['anthropic-ratelimit-tokens-remaining'] ??
        headers['anthropic-ratelimit-input-tokens-remaining'],
    ),
    resetTokensMs: resetMs(
      headers['x-ratelimit-reset-tokens'] ??
        headers['anthropic-ratelimit-tokens-reset'] ??
        headers['anthropic-ratelimit-input-tokens-reset'],
      now,
    ),
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

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };

/** `1s`, `6m0s`, `12ms`, `1h2m3.5s`, `0.5s` → milliseconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] ?? 0);
  }
  return total;
}
