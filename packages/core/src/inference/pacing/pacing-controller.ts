import { RateWindow } from './pacing-rate-window.js';
import type { RateLimitSignals } from './pacing-rate-limit-headers.js';

/** Multiplicative decrease of the request rate on a 429. */
const RATE_DECREASE = 0.9;
/**
 * Increase per success, as a share of the current rate: climbing back from a cut takes about a
 * hundred successes whatever the rate, so refusals stay near 1 % of requests for fast and slow
 * providers alike (a fixed step would refuse every fifth request of a 2 req/s provider).
 */
const RATE_INCREASE_PER_SUCCESS = 0.001;
/**
 * After a quiet spell without a single 429, the limit may be far above the learned rate: probe
 * upward multiplicatively (TCP's slow start), doubling the rate every PROBE_DOUBLING_MS of
 * successes, until the next 429 finds the limit again. Without it, a storm of 429s (an outage,
 * another job sharing the key) left the rate at its floor, and 0.1 % per success took thousands
 * of requests to climb back.
 *
 * Quiet means both a time and a number of successes since the last 429 (a slow provider's
 * requests are many seconds apart). A probe that meets a 429 before the accepted rate grew
 * PROBE_GAIN-fold found the limit where it was: the next probe waits twice as long (up to the
 * maxima), so a provider whose limit is steady is not overshot again and again; a probe that grew
 * further resets the wait.
 */
const PROBE_QUIET_MIN_MS = 2000;
const PROBE_QUIET_MAX_MS = 300_000;
const PROBE_QUIET_MIN_SUCCESSES = 2;
const PROBE_QUIET_MAX_SUCCESSES = 1000;
const PROBE_DOUBLING_MS = 250;
const PROBE_GAIN = 4;
const MIN_EVENTS_FOR_SHORT_WINDOW = 5;
/** One request a minute: free-tier keys allow a few requests per minute. */
const MIN_RATE_PER_SECOND = 1 / 60;
/** Far above any real endpoint (a 0.01 ms spacing): growth stops here instead of running off. */
const MAX_RATE_PER_SECOND = 100_000;
/** At most one cut per this long: one episode of refusals is one signal. */
const CUT_INTERVAL_MS = 1000;
/** Concurrency cut on sustained overload (503, 529): overload is about load, not rate. */
const CONCURRENCY_DECREASE = 0.7;
/** Overload is sustained when, over two seconds, at least 3 answers and a tenth of all are 503/529. */
const OVERLOAD_MIN_EVENTS = 3;
const OVERLOAD_SHARE = 0.1;
const OVERLOAD_PAUSE_MS = 250;
/** Declared limits are targeted slightly below, so clock jitter never turns into a 429. */
export const DECLARED_RATE_SAFETY = 0.98;
/** Rates read from headers are rounded by the server; keep a little below them too. */
const HEADER_SPACING_SAFETY = 1.03;
/** Without a server hint, a 429 pauses for two request intervals at the reduced rate (capped). */
const MAX_UNHINTED_PAUSE_MS = 1000;
/** Headers say "slow down" when fewer than this share of the limit is left (or the concurrency). */
const LOW_WATER_SHARE = 0.1;

export interface PacingSettings {
  maxConcurrent: number;
  /** Milliseconds between request starts. */
  minTimeMs: number;
}

export interface PacingControllerOptions {
  /** Requests per minute the user declared (connection or model option). */
  declaredRequestsPerMinute?: number;
  now: () => number;
}

/**
 * Decides how fast one endpoint may be called, from declared limits and from the provider's own
 * signals. Pure logic on an injected clock (no timers), so every rule is testable by counting.
 *
 * - A declared requests-per-minute becomes a fixed spacing between request starts.
 * - A 429 cuts an adaptive request rate to 0.9 × the rate the provider accepted over the last
 *   two seconds (the last minute for a slow provider; or the current rate, if lower); each success
 *   raises it by 0.1 %. At most one cut a second, and only by requests sent after the last cut, so
 *   one burst of 429s counts once. After a quiet spell without 429s the rate is probed upward
 *   multiplicatively (slow start) until a 429 finds the limit again (see PROBE_*).
 * - Sustained overload (503, 529 making up a tenth of recent answers) cuts concurrency by 30 %;
 *   it grows back by one after as many successes as the current concurrency. A stray 5xx does not
 *   count: its row is simply retried.
 * - A refusal pauses the endpoint until the server's hint (or a short pause of our own).
 * - Rate-limit headers slow the endpoint before the storm: once the remaining requests fall to
 *   the concurrency (or a tenth of the limit), starts are spaced at the rate the headers imply:
 *   `reset / (limit - remaining)` for a token bucket whose reset means "full again" (OpenAI,
 *   Anthropic), `reset / remaining` when the limit is unknown (a window that resets). Nothing
 *   remaining pauses until the next request fits.
 */
export class PacingController {
  private ceiling = 1;
  private concurrency = 1;
  private adaptiveRate: number | undefined;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastRefusalAt = Number.NEGATIVE_INFINITY;
  private lastSuccess = Number.NEGATIVE_INFINITY;
  private lastGrowthAt = Number.NEGATIVE_INFINITY;
  private probeQuietMs = PROBE_QUIET_MIN_MS;
  private probeQuietSuccesses = PROBE_QUIET_MIN_SUCCESSES;
  private successesSinceRefusal = 0;
  /** The rate a probe started from (undefined while not probing). */
  private probeStartRate: number | undefined;
  private lastOverloadCutAt = Number.NEGATIVE_INFINITY;
  private overloadSuccesses = 0;
  private pausedUntil = 0;
  /** `bucket`: derived from a limit and its reset, the provider's own rate (trusted over AIMD). */
  private headerSpacing: { spacingMs: number; until: number; bucket: boolean } | undefined;
  private declaredSpacingMs = 0;
  private readonly successes = new RateWindow();
  /** The last minute, in 1 s buckets: what a provider of a few requests per minute accepts. */
  private readonly slowSuccesses = new RateWindow(1000, 60);
  private readonly dispatches = new RateWindow();
  private readonly answers = new RateWindow();
  private readonly overloads = new RateWindow();

  constructor(private readonly options: PacingControllerOptions) {
    this.declare(options.declaredRequestsPerMinute);
  }

  /** The concurrency ceiling (max_parallelism of the sessions using the endpoint). */
  setCeiling(ceiling: number): void {
    const next = Math.max(1, Math.floor(ceiling));
    const unreduced = this.concurrency >= this.ceiling;
    this.ceiling = next;
    this.concurrency = unreduced ? next : Math.min(this.concurrency, next);
  }

  declare(requestsPerMinute: number | undefined): void {
    this.declaredSpacingMs = requestsPerMinute && requestsPerMinute > 0 ? 60_000 / (requestsPerMinute * DECLARED_RATE_SAFETY) : 0;
  }

  noteDispatch(): number {
    const at = this.options.now();
    this.dispatches.add(at);
    return at;
  }

  noteSuccess(dispatchedAt: number, signals: RateLimitSignals = {}): void {
    const now = this.options.now();
    this.lastSuccess = now;
    this.successes.add(now);
    this.slowSuccesses.add(now);
    this.answers.add(now);
    if (this.adaptiveRate !== undefined && dispatchedAt >= this.lastCutAt) this.grow(now);
    if (this.concurrency < this.ceiling) {
      this.overloadSuccesses += 1;
      if (this.overloadSuccesses >= this.concurrency) {
        this.concurrency += 1;
        this.overloadSuccesses = 0;
      }
    }
    this.readHeaders(signals, now, true);
  }

  /** A failed attempt. `status` is undefined when the provider did not answer. */
  noteFailure(dispatchedAt: number, status: number | undefined, retryAfterMs: number | undefined, signals: RateLimitSignals = {}): void {
    const now = this.options.now();
    if (status !== undefined) this.answers.add(now);
    this.readHeaders(signals, now, false);
    if (status === 429) this.onRateLimited(dispatchedAt, now, retryAfterMs);
    else if (status === 503 || status === 529) this.onOverloaded(dispatchedAt, now, retryAfterMs);
  }

  settings(): PacingSettings {
    const now = this.options.now();
    const header = this.headerSpacing && this.headerSpacing.until > now ? this.headerSpacing.spacingMs : 0;
    const adaptive = this.adaptiveRate === undefined ? 0 : 1000 / this.adaptiveRate;
    return {
      maxConcurrent: Math.max(1, Math.min(this.ceiling, this.concurrency)),
      minTimeMs: Math.max(this.declaredSpacingMs, adaptive, header),
    };
  }

  /** Milliseconds until the endpoint may be called again (0 when it is not paused). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.options.now());
  }

  /** When a request to the endpoint last succeeded (-Infinity before the first). */
  get lastSuccessAt(): number {
    return this.lastSuccess;
  }

  /** Requests per second the adaptive rule allows (undefined until the first 429). */
  get learnedRate(): number | undefined {
    return this.adaptiveRate;
  }

  /** Additive (0.1 % per success) near the limit found by the last 429; multiplicative once it has been quiet. */
  private grow(now: number): void {
    const rate = this.adaptiveRate ?? 0;
    this.successesSinceRefusal += 1;
    if (now - this.lastRefusalAt >= this.probeQuietMs && this.successesSinceRefusal >= this.probeQuietSuccesses) {
      this.probeStartRate ??= rate;
      // At most one doubling per success, so a slow provider's first success after a long wait
      // does not jump the rate far beyond what was ever tried.
      const elapsed = Math.min(PROBE_DOUBLING_MS, Math.max(0, now - this.lastGrowthAt));
      this.adaptiveRate = Math.max(rate * (1 + RATE_INCREASE_PER_SUCCESS), rate * 2 ** (elapsed / PROBE_DOUBLING_MS));
    } else {
      // Not (or no longer) probing: a 429 that did not cut ended the probe without a verdict.
      this.probeStartRate = undefined;
      this.adaptiveRate = rate * (1 + RATE_INCREASE_PER_SUCCESS);
    }
    this.adaptiveRate = Math.min(MAX_RATE_PER_SECOND, this.adaptiveRate);
    this.lastGrowthAt = now;
  }

  private onRateLimited(dispatchedAt: number, now: number, retryAfterMs: number | undefined): void {
    this.lastRefusalAt = now;
    this.successesSinceRefusal = 0;
    // When the headers give the provider's rate, pacing already follows it: a 429 then comes from
    // a burst (the first requests, before any header was seen), not from a rate too high.
    const headerRate = this.headerSpacing !== undefined && this.headerSpacing.bucket && this.headerSpacing.until > now;
    // One cut per episode: the 429s of one burst arrive within milliseconds of each other (and
    // requests sent just after a cut still meet the emptied bucket), so cutting on each of them
    // compounded 0.9 into a collapse. The cut starts from what the provider accepted just before.
    if (!headerRate && dispatchedAt >= this.lastCutAt && now - this.lastCutAt >= CUT_INTERVAL_MS) this.cut(now);
    const ownPause = Math.min(MAX_UNHINTED_PAUSE_MS, 2000 / (this.adaptiveRate ?? 1));
    this.pauseUntil(now + (retryAfterMs ?? ownPause));
  }

  /**
   * Too few successes in two seconds say nothing about a slow provider: its cut uses the last
   * minute, and a minute's count of its successes is already what it lets through (its
   * retry-after pauses keep the rest), so it is kept as is rather than cut by another 10 %.
   * Nothing accepted and no rate yet: half of what was sent in the last two seconds; with no
   * recent dispatch either (the first answer took seconds, e.g. a worker's start-up) nothing is
   * known, and the refusal only pauses the endpoint.
   */
  private cut(now: number): void {
    const short = this.successes.count(now) >= MIN_EVENTS_FOR_SHORT_WINDOW;
    const accepted = short ? this.successes.rate(now) : this.slowSuccesses.rate(now);
    const current = this.adaptiveRate;
    const base = accepted > 0 ? Math.min(current ?? Number.POSITIVE_INFINITY, accepted) : (current ?? this.dispatches.rate(now) * 0.5);
    if (base === 0) return;
    this.adaptiveRate = Math.max(MIN_RATE_PER_SECOND, short || accepted === 0 ? base * RATE_DECREASE : base);
    this.lastCutAt = now;
    if (this.probeStartRate !== undefined) {
      // Measured by what the provider accepted, not by the rate the probe overshot to.
      const grewFar = base >= this.probeStartRate * PROBE_GAIN;
      this.probeQuietMs = grewFar ? PROBE_QUIET_MIN_MS : Math.min(PROBE_QUIET_MAX_MS, this.probeQuietMs * 2);
      this.probeQuietSuccesses = grewFar ? PROBE_QUIET_MIN_SUCCESSES : Math.min(PROBE_QUIET_MAX_SUCCESSES, this.probeQuietSuccesses * 2);
    }
    this.probeStartRate = undefined;
  }

  private onOverloaded(dispatchedAt: number, now: number, retryAfterMs: number | undefined): void {
    this.overloads.add(now);
    if (retryAfterMs !== undefined) this.pauseUntil(now + retryAfterMs);
    const overloads = this.overloads.count(now);
    const sustained = overloads >= OVERLOAD_MIN_EVENTS && overloads >= OVERLOAD_SHARE * this.answers.count(now);
    if (!sustained || dispatchedAt < this.lastOverloadCutAt) return;
    this.concurrency = Math.max(1, Math.floor(this.concurrency * CONCURRENCY_DECREASE));
    this.overloadSuccesses = 0;
    this.lastOverloadCutAt = now;
    this.pauseUntil(now + (retryAfterMs ?? OVERLOAD_PAUSE_MS));
  }

  private pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /**
   * Only successful answers say what the limit's rate is: on a 429 some servers report the time
   * until the next request fits instead of the time until the limit is full again.
   */
  private readHeaders(signals: RateLimitSignals, now: number, success: boolean): void {
    const { remainingRequests, resetRequestsMs, limitRequests, remainingTokens, resetTokensMs } = signals;
    if (remainingRequests !== undefined && resetRequestsMs !== undefined) {
      const lowWater = Math.max(this.concurrency, (limitRequests ?? 0) * LOW_WATER_SHARE);
      if (success && remainingRequests <= lowWater) {
        const bucket = limitRequests !== undefined && limitRequests > remainingRequests;
        const spacingMs = (bucket ? resetRequestsMs / (limitRequests - remainingRequests) : resetRequestsMs / Math.max(1, remainingRequests)) * HEADER_SPACING_SAFETY;
        this.headerSpacing = { spacingMs, until: now + Math.max(resetRequestsMs, spacingMs), bucket };
        if (remainingRequests < 1) this.pauseUntil(now + (bucket ? spacingMs : resetRequestsMs));
      } else if (!success && remainingRequests < 1) {
        this.pauseUntil(now + resetRequestsMs);
      }
    }
    if (remainingTokens !== undefined && resetTokensMs !== undefined && remainingTokens < 1) this.pauseUntil(now + resetTokensMs);
  }
}
