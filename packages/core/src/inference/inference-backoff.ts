import { MAX_HONOURED_RETRY_AFTER_MS } from '@lateral/spec';

export interface BackoffOptions {
  /** First retry's ceiling (default 500 ms). */
  baseMs?: number;
  /** Largest ceiling (default 8 s). */
  capMs?: number;
  /** Source of randomness in [0, 1) (tests make it deterministic). */
  random?: () => number;
  /**
   * How long a rate-limited row keeps retrying while no request to its endpoint succeeds
   * (default 5 minutes). 429s are otherwise retried without limit: they mean "slow down".
   */
  rateLimitPatienceMs?: number;
}

export const DEFAULT_BACKOFF_BASE_MS = 500;
export const DEFAULT_BACKOFF_CAP_MS = 8000;
export const DEFAULT_RATE_LIMIT_PATIENCE_MS = 5 * 60_000;

/**
 * How long to wait before retry number `retry` (0 for the first): the server's hint when it gave
 * one (capped at 60 s), else exponential backoff with full jitter, `random() * min(cap, base * 2^n)`,
 * which spreads retries of many rows that failed together (provider-protocols §2.2, §2.4).
 */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, options: BackoffOptions = {}): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(retryAfterMs, MAX_HONOURED_RETRY_AFTER_MS);
  }
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  const ceiling = Math.min(cap, base * 2 ** retry);
  return (options.random ?? Math.random)() * ceiling;
}
