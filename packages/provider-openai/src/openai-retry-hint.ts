import { parseGoDuration } from '@lateral/spec';

/**
 * OpenAI does not always send `retry-after` on a 429 (provider-protocols §3.6), but its message
 * says "Please try again in 1.2s" and `x-ratelimit-reset-*` say when the window resets. Both are
 * Go-style durations (`1.2s`, `6m0s`, `12ms`). Hints beyond a minute are dropped, as core drops
 * such headers, so the runtime's own backoff applies.
 */
const MAX_HINT_MS = 60_000;

/** The wait a 429 suggests: the message's "try again in X" first, then the matching reset header. */
export function rateLimitHintMs(message: string | undefined, type: string | undefined, headers: Record<string, string>): number | undefined {
  const fromMessage = message ? /try again in ((?:\d+(?:\.\d+)?(?:h|ms|m|s))+)/i.exec(message)?.[1] : undefined;
  const fromHeader = type === 'tokens' ? headers['x-ratelimit-reset-tokens'] : headers['x-ratelimit-reset-requests'];
  for (const candidate of [fromMessage, fromHeader]) {
    const ms = parseGoDuration(candidate);
    if (ms !== undefined && ms <= MAX_HINT_MS) return Math.ceil(ms);
  }
  return undefined;
}
