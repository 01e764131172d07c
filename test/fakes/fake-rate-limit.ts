/**
 * A request token bucket for the fake providers: `requestsPerMinute` tokens, refilled
 * continuously. The clock is injectable so tests count requests instead of measuring time.
 */
export interface RateLimitOptions {
  requestsPerMinute: number;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Whether 429 replies carry `retry-after` (each fake documents its default). */
  retryAfter?: boolean;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Milliseconds until one more token is available (0 when one is). */
  resetMs: number;
}

export interface TokenBucket {
  take(): RateLimitDecision;
  /** Requests answered 429 so far. */
  readonly rejected: number;
}

export function createTokenBucket(options: RateLimitOptions): TokenBucket {
  const now = options.now ?? Date.now;
  const limit = Math.max(1, options.requestsPerMinute);
  const perMs = limit / 60_000;
  let tokens = limit;
  let last = now();
  let rejected = 0;

  function refill(): void {
    const current = now();
    tokens = Math.min(limit, tokens + Math.max(0, current - last) * perMs);
    last = current;
  }

  function resetMs(): number {
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
  }

  return {
    take() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return { allowed: true, limit, remaining: Math.floor(tokens), resetMs: resetMs() };
      }
      rejected += 1;
      return { allowed: false, limit, remaining: 0, resetMs: resetMs() };
    },
    get rejected() {
      return rejected;
    },
  };
}

/** Go-style durations as OpenAI writes them in `x-ratelimit-reset-*`: `1s`, `6m0s`, `12ms`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 1000) / 1000;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
