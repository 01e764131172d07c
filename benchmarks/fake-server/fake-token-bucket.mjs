// @ts-check
/**
 * The server's request budget: a token bucket holding `burst` requests, refilled continuously at
 * `ratePerSecond`. The clock is injectable so the bucket can be checked by counting.
 *
 * @typedef {{ allowed: boolean, limit: number, remaining: number, resetMs: number, nextTokenMs: number }} BucketDecision
 *   limit = capacity; remaining = whole tokens left; resetMs = time until the bucket is full again
 *   (what OpenAI's `x-ratelimit-reset-requests` means); nextTokenMs = time until one request fits.
 */

/**
 * @param {{ ratePerSecond: number, burst?: number, now?: () => number }} options
 */
export function createTokenBucket(options) {
  const now = options.now ?? (() => performance.now());
  const rate = options.ratePerSecond;
  const capacity = Math.max(1, Math.round(options.burst ?? Math.ceil(rate / 10)));
  const perMs = rate / 1000;
  let tokens = capacity;
  let last = now();

  function refill() {
    const current = now();
    tokens = Math.min(capacity, tokens + Math.max(0, current - last) * perMs);
    last = current;
  }

  /** @returns {BucketDecision} */
  function decision(allowed) {
    return {
      allowed,
      limit: capacity,
      remaining: Math.floor(tokens),
      resetMs: Math.ceil((capacity - tokens) / perMs),
      nextTokenMs: tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs),
    };
  }

  return {
    capacity,
    /** @returns {BucketDecision} */
    take() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return decision(true);
      }
      return decision(false);
    },
    /** @returns {BucketDecision} the state without taking a token */
    peek() {
      refill();
      return decision(true);
    },
  };
}

/**
 * Go-style durations as OpenAI writes them in `x-ratelimit-reset-*`: `12ms`, `1s`, `1.5s`, `6m0s`.
 * @param {number} ms
 */
export function goDuration(ms) {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = ms / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 1000) / 1000;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
