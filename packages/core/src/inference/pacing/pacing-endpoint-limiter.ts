import { setTimeout as sleep } from 'node:timers/promises';
import { abortable } from '@lateral/spec';
import Bottleneck from 'bottleneck';
import { abortedError } from '../inference-task-error.js';
import { DECLARED_RATE_SAFETY, PacingController, type PacingSettings } from './pacing-controller.js';
import type { DeclaredLimits } from './pacing-declared-limits.js';
import { parseRateLimitHeaders } from './pacing-rate-limit-headers.js';

/** Token budget a burst may use: ten seconds of the declared tokens-per-minute. */
const TOKEN_BURST_SECONDS = 10;
const TOKEN_REFILL_INTERVAL_MS = 250;
/** Waiting requests reserve again once the spacing falls below this share of what they reserved with. */
const RESCHEDULE_SPACING_SHARE = 0.75;

export interface ScheduledJob<R> {
  (dispatchedAt: number, queueWaitMs: number): Promise<R>;
}

/**
 * The pacing of one endpoint, as the PacingController computes it:
 * - Bottleneck enforces the endpoint's concurrency when it is below what the sessions ask for
 *   (overload cut, several sessions sharing the endpoint), and, when tokens-per-minute is
 *   declared, a token reservoir refilled continuously;
 * - a gate spaces request starts and holds them while the endpoint is paused. Each request
 *   reserves the next start slot (`previous slot + spacing`, never earlier than the pause's end),
 *   so the spacing follows the planned timeline: Bottleneck's minTime counts from each job's actual
 *   start, and timers firing a millisecond late then cost 15 % of a 200 req/s limit. After a pause
 *   requests leave one spacing apart, never in a burst.
 */
export class EndpointLimiter {
  readonly controller: PacingController;
  private readonly requests: Bottleneck;
  private tokens: { limiter: Bottleneck; capacity: number } | undefined;
  private tokensPerMinute: number | undefined;
  private applied: PacingSettings;
  private lastSlot = Number.NEGATIVE_INFINITY;
  private lastStartAt = Number.NEGATIVE_INFINITY;
  /** The widest spacing the waiting requests reserved their slots with. */
  private reservedSpacingMs = 0;
  /** Aborted to wake the waiting requests when the spacing shrinks, so they reserve again. */
  private rescheduled = new AbortController();
  private readonly ceilings = new Map<number, number>();
  private nextCeilingId = 0;

  constructor(
    readonly key: string,
    limits: DeclaredLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.controller = new PacingController({ declaredRequestsPerMinute: limits.requestsPerMinute, now });
    this.applied = this.controller.settings();
    this.requests = new Bottleneck({ maxConcurrent: this.applied.maxConcurrent });
    this.declareTokens(limits.tokensPerMinute);
  }

  /** The latest session's declared limits apply to the endpoint. */
  declare(limits: DeclaredLimits): void {
    this.controller.declare(limits.requestsPerMinute);
    if (limits.tokensPerMinute !== this.tokensPerMinute) this.declareTokens(limits.tokensPerMinute);
    this.apply();
  }

  /** Registers a session's max_parallelism; the endpoint's ceiling is the largest registered. */
  acquire(maxParallelism: number): () => void {
    const id = this.nextCeilingId++;
    this.ceilings.set(id, maxParallelism);
    this.updateCeiling();
    return () => {
      this.ceilings.delete(id);
      this.updateCeiling();
    };
  }

  get tokenLimited(): boolean {
    return this.tokens !== undefined;
  }

  /**
   * Runs `job` when the endpoint's pacing allows; rejects with LATERAL_ERR_ABORTED once aborted.
   * `onWait(+1)` / `onWait(-1)` bracket each time pacing holds the request back (the token budget
   * or a start slot), so the progress line can say it waits on the rate limit.
   */
  async schedule<R>(signal: AbortSignal, estimatedTokens: number, job: ScheduledJob<R>, onWait: (delta: number) => void = () => undefined): Promise<R> {
    const enqueuedAt = this.now();
    if (this.tokens && estimatedTokens > 0) {
      const weight = Math.max(1, Math.min(Math.ceil(estimatedTokens), this.tokens.capacity));
      onWait(1);
      try {
        // gives up (LATERAL_ERR_ABORTED) as soon as the statement aborts
        await abortable(this.tokens.limiter.schedule({ weight }, async () => undefined), signal, abortedError);
      } finally {
        onWait(-1);
      }
    }
    if (signal.aborted) throw abortedError();
    const run = async (): Promise<R> => {
      await this.gate(signal, onWait);
      const dispatchedAt = this.controller.noteDispatch();
      this.lastStartAt = dispatchedAt;
      return job(dispatchedAt, Math.max(0, dispatchedAt - enqueuedAt));
    };
    // At full concurrency with one session, the session's own max_parallelism is the cap: skip
    // Bottleneck's few milliseconds of bookkeeping per job.
    if (this.concurrencyUnlimited()) return run();
    return this.requests.schedule(run);
  }

  private concurrencyUnlimited(): boolean {
    if (this.applied.maxConcurrent < this.ceiling || this.ceilings.size > 1) return false;
    const counts = this.requests.counts();
    return counts.RECEIVED + counts.QUEUED + counts.RUNNING + counts.EXECUTING === 0;
  }

  noteSuccess(dispatchedAt: number, rateLimitHeaders: Record<string, string>, extraTokens = 0): void {
    this.controller.noteSuccess(dispatchedAt, parseRateLimitHeaders(rateLimitHeaders, this.now()));
    // Usage beyond the estimate is taken from the reservoir afterwards (it may go negative).
    if (this.tokens && extraTokens > 0) void this.tokens.limiter.incrementReservoir(-extraTokens);
    this.apply();
  }

  noteFailure(dispatchedAt: number, status: number | undefined, retryAfterMs: number | undefined, rateLimitHeaders: Record<string, string> = {}): void {
    this.controller.noteFailure(dispatchedAt, status, retryAfterMs, parseRateLimitHeaders(rateLimitHeaders, this.now()));
    this.apply();
  }

  async close(): Promise<void> {
    await Promise.all([this.requests.stop({ dropWaitingJobs: true }), this.tokens?.limiter.stop({ dropWaitingJobs: true })]).catch(() => undefined);
  }

  /**
   * Waits for this request's start slot; a pause that began meanwhile sends it back in line, and
   * so does a spacing that shrank by a quarter or more (the rate recovering after 429s): slots
   * reserved at the slow rate, up to max_parallelism spacings ahead, would otherwise hold the
   * recovery back by seconds.
   */
  private async gate(signal: AbortSignal, onWait: (delta: number) => void): Promise<void> {
    for (;;) {
      if (signal.aborted) throw abortedError();
      const now = this.now();
      const slot = Math.max(now, now + this.controller.pauseRemainingMs(), this.lastSlot + this.applied.minTimeMs);
      this.lastSlot = slot;
      if (slot <= now) return;
      this.reservedSpacingMs = Math.max(this.reservedSpacingMs, this.applied.minTimeMs);
      const rescheduled = this.rescheduled.signal;
      onWait(1);
      await sleep(slot - now, undefined, { signal: AbortSignal.any([signal, rescheduled]) })
        .catch(() => undefined)
        .finally(() => onWait(-1));
      if (signal.aborted) throw abortedError();
      if (rescheduled.aborted) continue;
      if (this.controller.pauseRemainingMs() === 0) return;
    }
  }

  private rescheduleIfFaster(): void {
    if (this.applied.minTimeMs >= this.reservedSpacingMs * RESCHEDULE_SPACING_SHARE) return;
    this.reservedSpacingMs = 0;
    this.lastSlot = this.lastStartAt;
    this.rescheduled.abort();
    this.rescheduled = new AbortController();
  }

  private get ceiling(): number {
    return Math.max(1, ...this.ceilings.values());
  }

  private updateCeiling(): void {
    this.controller.setCeiling(this.ceiling);
    this.apply();
  }

  private apply(): void {
    const previous = this.applied;
    this.applied = this.controller.settings();
    if (this.applied.maxConcurrent !== previous.maxConcurrent) this.requests.updateSettings({ maxConcurrent: this.applied.maxConcurrent });
    this.rescheduleIfFaster();
  }

  private declareTokens(tokensPerMinute: number | undefined): void {
    const previous = this.tokens;
    this.tokens = undefined;
    this.tokensPerMinute = tokensPerMinute;
    void previous?.limiter.stop({ dropWaitingJobs: false }).catch(() => undefined);
    if (!tokensPerMinute || tokensPerMinute <= 0) return;
    const perInterval = (tokensPerMinute * DECLARED_RATE_SAFETY * TOKEN_REFILL_INTERVAL_MS) / 60_000;
    const capacity = Math.max(1, Math.floor((tokensPerMinute * TOKEN_BURST_SECONDS) / 60));
    const limiter = new Bottleneck({
      reservoir: capacity,
      reservoirIncreaseInterval: TOKEN_REFILL_INTERVAL_MS,
      reservoirIncreaseAmount: perInterval,
      reservoirIncreaseMaximum: capacity,
    });
    this.tokens = { limiter, capacity };
  }
}
