import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/inference/inference-backoff.js';
import { DECLARED_RATE_SAFETY, PacingController } from '../src/inference/pacing/pacing-controller.js';
import { declaredLimits, expectedOutputTokens, limiterKey } from '../src/inference/pacing/pacing-declared-limits.js';
import { parseGoDuration, parseRateLimitHeaders, pickRateLimitHeaders } from '../src/inference/pacing/pacing-rate-limit-headers.js';
import { echoModel } from './inference-fixture-server.js';
import { anthropicProvider } from '@lateral/provider-anthropic';
import { openaiProvider } from '@lateral/provider-openai';
import type { RateLimitHeaderNames } from '@lateral/spec';

/** What pacing reads from a response of a provider declaring `names`: picked in the worker, parsed in the main thread. */
function readSignals(headers: Record<string, string>, names: RateLimitHeaderNames | undefined, now?: number) {
  return parseRateLimitHeaders(pickRateLimitHeaders(headers, names), now);
}

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (at: number) => (now = at) };
}

describe('rate-limit headers', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['12ms', 12],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['250us', 0.25],
  ])('reads the Go duration %s', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms);
  });

  it.each(['', 'soon', '5', '1x', 's'])('rejects %j as a Go duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it('reads OpenAI headers', () => {
    const signals = readSignals({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-tokens': '6m0s',
    }, openaiProvider.rateLimitSignals);
    expect(signals).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsMs: 120,
      limitTokens: 30000,
      remainingTokens: 29000,
      resetTokensMs: 360_000,
    });
  });

  it('reads Anthropic headers with RFC 3339 resets', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const signals = readSignals(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '3',
        'anthropic-ratelimit-requests-reset': '2025-01-01T00:00:02Z',
        'anthropic-ratelimit-input-tokens-remaining': '1000',
        'anthropic-ratelimit-input-tokens-reset': '2025-01-01T00:00:30Z',
      },
      anthropicProvider.rateLimitSignals,
      now,
    );
    expect(signals).toEqual({ limitRequests: 50, remainingRequests: 3, resetRequestsMs: 2000, remainingTokens: 1000, resetTokensMs: 30_000 });
  });

  it("ignores Azure's -1 values", () => {
    expect(readSignals({ 'x-ratelimit-remaining-requests': '-1', 'x-ratelimit-remaining-tokens': '10' }, openaiProvider.rateLimitSignals)).toEqual({ remainingTokens: 10 });
  });

  it('keeps only the retry hints and the headers the provider declares', () => {
    const headers = { 'x-ratelimit-remaining-requests': '1', 'retry-after': '2', 'set-cookie': 'a', 'anthropic-ratelimit-tokens-reset': 'x', 'content-type': 'j' };
    expect(pickRateLimitHeaders(headers, openaiProvider.rateLimitSignals)).toEqual({ 'lateral-ratelimit-remainingRequests': '1', 'retry-after': '2' });
    expect(pickRateLimitHeaders(headers, anthropicProvider.rateLimitSignals)).toEqual({ 'lateral-ratelimit-resetTokens': 'x', 'retry-after': '2' });
    // a provider that declares no rate-limit headers is paced by its 429s and retry hints alone
    expect(pickRateLimitHeaders(headers, undefined)).toEqual({ 'retry-after': '2' });
    expect(readSignals(headers, undefined)).toEqual({});
  });
});

describe('retry delay', () => {
  it('honours the server hint, capped at 60 s', () => {
    expect(retryDelayMs(0, 1234)).toBe(1234);
    expect(retryDelayMs(3, 0)).toBe(0);
    expect(retryDelayMs(0, 120_000)).toBe(60_000);
  });

  it('uses exponential backoff with full jitter: base 0.5 s, cap 8 s', () => {
    expect(retryDelayMs(0, undefined, { random: () => 0.999 })).toBeCloseTo(499.5);
    expect(retryDelayMs(2, undefined, { random: () => 0.5 })).toBe(1000);
    expect(retryDelayMs(10, undefined, { random: () => 0.999 })).toBeCloseTo(7992);
    expect(retryDelayMs(1, undefined, { random: () => 0 })).toBe(0);
  });
});

describe('declared limits and limiter keys', () => {
  it('takes model options over connection options', () => {
    const base = echoModel('http://127.0.0.1:1');
    const model = {
      ...base,
      providerOptions: { requests_per_minute: '60' },
      connection: { ...base.connection!, options: { 'requests-per-minute': '600', 'tokens-per-minute': '90000' } },
    };
    expect(declaredLimits(model)).toEqual({ requestsPerMinute: 60, tokensPerMinute: 90000 });
    expect(declaredLimits({ ...model, providerOptions: { requests_per_minute: 'lots' } })).toEqual({ requestsPerMinute: 600, tokensPerMinute: 90000 });
  });

  it('keys limiters by provider, endpoint origin and path (never the query) and provider model', () => {
    const base = echoModel('http://127.0.0.1:1');
    const model = { ...base, modelVersion: 'gpt-4o-mini', connection: { ...base.connection!, endpoint: 'https://h.example/v1/x?key=SECRET' } };
    expect(limiterKey(model)).toBe('testecho https://h.example/v1/x gpt-4o-mini');
    expect(limiterKey({ ...base, connection: undefined })).toBe('testecho model:echo_model');
  });

  it('reads the expected output tokens from params', () => {
    expect(expectedOutputTokens({ max_tokens: 256 })).toBe(256);
    expect(expectedOutputTokens({ temperature: 0.2 })).toBe(0);
  });
});

describe('pacing controller', () => {
  it('turns a declared requests-per-minute into a spacing slightly above the exact interval', () => {
    const time = clock();
    const controller = new PacingController({ declaredRequestsPerMinute: 600, now: time.now });
    controller.setCeiling(10);
    expect(controller.settings()).toEqual({ maxConcurrent: 10, minTimeMs: 60_000 / (600 * DECLARED_RATE_SAFETY) });
  });

  it('starts the adaptive rate below the success rate measured before the first 429', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(10);
    for (let index = 0; index < 20; index += 1) {
      const at = controller.noteDispatch();
      time.advance(50);
      controller.noteSuccess(at);
    }
    expect(controller.settings().minTimeMs).toBe(0);
    const at = controller.noteDispatch();
    controller.noteFailure(at, 429, undefined);
    expect(controller.learnedRate).toBeGreaterThan(0);
    expect(controller.learnedRate).toBeLessThan(20);
    expect(controller.settings().minTimeMs).toBeCloseTo(1000 / (controller.learnedRate ?? 1));
    expect(controller.pauseRemainingMs()).toBeGreaterThan(0);
  });

  it('cuts once for a burst of 429s sent before the cut, again for a later one', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(10);
    const early = [controller.noteDispatch(), controller.noteDispatch(), controller.noteDispatch()];
    time.advance(100);
    controller.noteFailure(early[0]!, 429, 0);
    const first = controller.learnedRate ?? 0;
    controller.noteFailure(early[1]!, 429, 0);
    controller.noteFailure(early[2]!, 429, 0);
    expect(controller.learnedRate).toBe(first);
    // A request sent just after the cut meets the emptied bucket: same episode, no second cut.
    time.advance(10);
    const soon = controller.noteDispatch();
    time.advance(10);
    controller.noteFailure(soon, 429, 0);
    expect(controller.learnedRate).toBe(first);
    // A refusal a second later is a new signal.
    time.advance(1000);
    const later = controller.noteDispatch();
    time.advance(10);
    controller.noteFailure(later, 429, 0);
    expect(controller.learnedRate).toBeCloseTo(Math.max(0.1, first * 0.9));
  });

  it('cuts from the rate the provider accepted, not from a rate it never reached', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(64);
    // 50 successes a second for two seconds, then a 429.
    for (let tick = 0; tick < 100; tick += 1) {
      controller.noteSuccess(controller.noteDispatch());
      time.advance(20);
    }
    controller.noteFailure(controller.noteDispatch(), 429, 0);
    // 0.9 × ~50/s (the two-second window counts in 100 ms buckets, so a little under 50).
    expect(controller.learnedRate).toBeGreaterThan(40);
    expect(controller.learnedRate).toBeLessThanOrEqual(45);
  });

  it('grows the rate additively with successes', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(4);
    controller.noteFailure(controller.noteDispatch(), 429, 0);
    const cut = controller.learnedRate ?? 0;
    time.advance(1);
    for (let index = 0; index < 10; index += 1) controller.noteSuccess(controller.noteDispatch());
    expect(controller.learnedRate).toBeCloseTo(cut * 1.001 ** 10);
  });

  it('probes upward multiplicatively once 429s have stopped for a while, and waits longer after a probe that found the same limit', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(4);
    controller.noteFailure(controller.noteDispatch(), 429, 0);
    const cut = controller.learnedRate ?? 0;
    // Quiet: 2 s and 2 successes after the refusal, then the rate doubles per second of successes.
    time.advance(1000);
    controller.noteSuccess(controller.noteDispatch());
    expect(controller.learnedRate).toBeLessThan(cut * 1.01);
    for (let second = 0; second < 5; second += 1) {
      time.advance(1000);
      controller.noteSuccess(controller.noteDispatch());
    }
    expect(controller.learnedRate).toBeGreaterThan(cut * 2 ** 5 * 0.99);
    // That probe found more room (a 429 far above where it began). The next one meets a 429 after
    // one step (what was accepted grew less than fourfold): the next probe needs 4 s and 4
    // successes of quiet.
    controller.noteFailure(controller.noteDispatch(), 429, 0);
    time.advance(2000);
    controller.noteSuccess(controller.noteDispatch());
    controller.noteSuccess(controller.noteDispatch());
    time.advance(1000);
    controller.noteFailure(controller.noteDispatch(), 429, 0);
    time.advance(3000);
    for (let index = 0; index < 4; index += 1) controller.noteSuccess(controller.noteDispatch());
    const found = controller.learnedRate ?? 0;
    time.advance(500);
    controller.noteSuccess(controller.noteDispatch());
    expect(controller.learnedRate).toBeLessThan(found * 1.01);
    time.advance(500);
    controller.noteSuccess(controller.noteDispatch());
    time.advance(1000);
    controller.noteSuccess(controller.noteDispatch());
    expect(controller.learnedRate).toBeGreaterThan(found * 2);
  });

  it('pauses until the retry-after hint', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(4);
    controller.noteFailure(controller.noteDispatch(), 429, 1500);
    expect(controller.pauseRemainingMs()).toBe(1500);
    time.advance(1000);
    expect(controller.pauseRemainingMs()).toBe(500);
  });

  it('cuts concurrency on sustained overload and adds one back after enough successes', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(8);
    for (let index = 0; index < 3; index += 1) controller.noteFailure(controller.noteDispatch(), 529, undefined);
    expect(controller.settings().maxConcurrent).toBe(5);
    expect(controller.pauseRemainingMs()).toBeGreaterThan(0);
    time.advance(1);
    for (let index = 0; index < 5; index += 1) controller.noteSuccess(controller.noteDispatch());
    expect(controller.settings().maxConcurrent).toBe(6);
  });

  it('ignores stray 5xx answers among many successes', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(8);
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 30; index += 1) controller.noteSuccess(controller.noteDispatch());
      controller.noteFailure(controller.noteDispatch(), 503, undefined);
      time.advance(100);
    }
    expect(controller.settings().maxConcurrent).toBe(8);
    expect(controller.pauseRemainingMs()).toBe(0);
  });

  it('slows down before the storm when few requests remain, and pauses when none do', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.setCeiling(4);
    controller.noteSuccess(controller.noteDispatch(), { limitRequests: 1000, remainingRequests: 500, resetRequestsMs: 30_000 });
    expect(controller.settings().minTimeMs).toBe(0);
    // A token bucket refilled to 1000 in 6 s after 950 were used: 950 requests per 6 s.
    controller.noteSuccess(controller.noteDispatch(), { limitRequests: 1000, remainingRequests: 50, resetRequestsMs: 6000 });
    expect(controller.settings().minTimeMs).toBeCloseTo((6000 / 950) * 1.03);
    // Without a limit, a window that resets: spread what is left over the time to the reset.
    controller.noteSuccess(controller.noteDispatch(), { remainingRequests: 2, resetRequestsMs: 1000 });
    expect(controller.settings().minTimeMs).toBeCloseTo(500 * 1.03);
    controller.noteSuccess(controller.noteDispatch(), { remainingRequests: 0, resetRequestsMs: 700 });
    expect(controller.pauseRemainingMs()).toBe(700);
    time.advance(7000);
    expect(controller.settings().minTimeMs).toBe(0);
  });

  it('pauses when no tokens remain', () => {
    const time = clock();
    const controller = new PacingController({ now: time.now });
    controller.noteSuccess(controller.noteDispatch(), { remainingTokens: 0, resetTokensMs: 2500 });
    expect(controller.pauseRemainingMs()).toBe(2500);
  });
});

interface SimulationOptions {
  ratePerSecond: number;
  burst: number;
  latencyMs: number;
  maxParallelism: number;
  rows: number;
  declaredRequestsPerMinute?: number;
  /** Whether 429s say when the next request will be accepted. */
  hint: boolean;
  /** Whether answers carry OpenAI-style x-ratelimit-* values (limit = burst, reset = time to full). */
  headers?: boolean;
  /** A storm: until `untilMs`, a `share` of requests is refused whatever the bucket holds, with `hintMs`. */
  storm?: { untilMs: number; share: number; hintMs: number };
}

/**
 * A discrete-event simulation of one endpoint: a token-bucket server (rate R, burst B) answered
 * after a fixed latency, and a client that starts requests as the controller allows (spacing,
 * pause, concurrency), retrying refused rows with the runtime's own delay rule. Time is simulated,
 * so the achieved rate is exact and the test takes milliseconds.
 */
function simulate(options: SimulationOptions) {
  const time = clock(0);
  const controller = new PacingController({ declaredRequestsPerMinute: options.declaredRequestsPerMinute, now: time.now });
  controller.setCeiling(options.maxParallelism);
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let tokens = options.burst;
  let lastRefill = 0;
  const take = (at: number) => {
    if (options.storm && at < options.storm.untilMs && random() < options.storm.share) return { ok: false, waitMs: options.storm.hintMs + options.latencyMs };
    tokens = Math.min(options.burst, tokens + ((at - lastRefill) * options.ratePerSecond) / 1000);
    lastRefill = at;
    if (tokens >= 1) {
      tokens -= 1;
      return { ok: true, waitMs: 0 };
    }
    return { ok: false, waitMs: ((1 - tokens) * 1000) / options.ratePerSecond };
  };
  const ready: Array<{ row: number; at: number; retries: number }> = [...Array(options.rows).keys()].map((row) => ({ row, at: 0, retries: 0 }));
  const inFlight: Array<{
    row: number;
    retries: number;
    dispatchedAt: number;
    doneAt: number;
    ok: boolean;
    waitMs: number;
    signals: { limitRequests: number; remainingRequests: number; resetRequestsMs: number };
  }> = [];
  const done = new Set<number>();
  let refused = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  while (done.size < options.rows) {
    const settings = controller.settings();
    const startAt = Math.max(time.now() + controller.pauseRemainingMs(), lastStart + settings.minTimeMs);
    const candidate = ready.reduce<(typeof ready)[number] | undefined>((best, item) => (!best || item.at < best.at ? item : best), undefined);
    const canStart = candidate && inFlight.length < settings.maxConcurrent;
    const nextStart = canStart ? Math.max(startAt, candidate.at) : Number.POSITIVE_INFINITY;
    const nextDone = Math.min(...inFlight.map((request) => request.doneAt));
    if (nextStart <= nextDone && candidate) {
      time.set(nextStart);
      ready.splice(ready.indexOf(candidate), 1);
      lastStart = nextStart;
      const dispatchedAt = controller.noteDispatch();
      const answer = take(nextStart);
      const signals = {
        limitRequests: options.burst,
        remainingRequests: Math.floor(tokens),
        resetRequestsMs: answer.ok ? ((options.burst - tokens) * 1000) / options.ratePerSecond : answer.waitMs,
      };
      inFlight.push({ row: candidate.row, retries: candidate.retries, dispatchedAt, doneAt: nextStart + options.latencyMs, ok: answer.ok, waitMs: answer.waitMs, signals });
    } else {
      time.set(nextDone);
      const request = inFlight.splice(inFlight.findIndex((item) => item.doneAt === nextDone), 1)[0]!;
      if (request.ok) {
        controller.noteSuccess(request.dispatchedAt, options.headers ? request.signals : {});
        done.add(request.row);
      } else {
        refused += 1;
        const hint = options.hint ? Math.max(0, request.waitMs - options.latencyMs) : undefined;
        controller.noteFailure(request.dispatchedAt, 429, hint, options.headers ? request.signals : {});
        ready.push({ row: request.row, at: time.now() + retryDelayMs(request.retries, hint, { random }), retries: request.retries + 1 });
      }
    }
  }
  // The bucket's initial burst is free capacity on top of the rate.
  const achieved = (options.rows - options.burst) / (time.now() / 1000) / options.ratePerSecond;
  if (process.env.PRINT_SIM) console.log(JSON.stringify({ ...options, achieved, refused, elapsedMs: time.now(), rate: controller.learnedRate }));
  return { achieved, refused, rows: done.size, elapsedMs: time.now() };
}

describe('pacing against a simulated rate-limited provider', () => {
  const base = { ratePerSecond: 50, burst: 5, latencyMs: 100, maxParallelism: 20, rows: 3000 };

  it('meets a declared rate without a single 429', () => {
    const result = simulate({ ...base, declaredRequestsPerMinute: 3000, hint: true });
    expect(result.rows).toBe(3000);
    expect(result.refused).toBe(0);
    expect(result.achieved).toBeGreaterThanOrEqual(0.95);
  });

  it.each([true, false])('converges to at least 0.85 of an undeclared rate (retry-after hints: %s)', (hint) => {
    const result = simulate({ ...base, hint });
    expect(result.rows).toBe(3000);
    expect(result.achieved).toBeGreaterThanOrEqual(0.85);
    expect(result.achieved).toBeLessThanOrEqual(1.01);
    expect(result.refused / result.rows).toBeLessThan(0.03);
  });

  it.each([true, false])('paces from x-ratelimit headers before the first 429 (retry-after hints: %s)', (hint) => {
    const result = simulate({ ...base, burst: 20, hint, headers: true });
    expect(result.rows).toBe(3000);
    expect(result.achieved).toBeGreaterThanOrEqual(0.85);
    expect(result.refused / result.rows).toBeLessThan(0.01);
  });

  it('converges after the burst of a provider whose bucket holds a whole minute', () => {
    const result = simulate({ ...base, burst: 3000, rows: 15_000, hint: true });
    expect(result.rows).toBe(15_000);
    expect(result.achieved).toBeGreaterThanOrEqual(0.85);
    expect(result.achieved).toBeLessThanOrEqual(1.01);
    expect(result.refused / result.rows).toBeLessThan(0.03);
  });

  it('recovers within seconds once a 10 s storm of 429s ends (probing upward, not 0.1 % per success)', () => {
    // A fast provider (500 req/s, 20 in flight at 20 ms) that refuses 90 % of requests for the
    // first 10 s with retry-after 1 s. Without the storm the rows take `calm` seconds; after it, the
    // same rows must take about as long again (not the hundreds of seconds a collapsed rate costs).
    const fast = { ratePerSecond: 500, burst: 50, latencyMs: 20, maxParallelism: 20, rows: 5000, hint: true };
    const calm = simulate(fast);
    const stormy = simulate({ ...fast, storm: { untilMs: 10_000, share: 0.9, hintMs: 1000 } });
    expect(stormy.rows).toBe(5000);
    const afterStormMs = stormy.elapsedMs - 10_000;
    expect(afterStormMs / calm.elapsedMs).toBeLessThan(3);
  });

  it('finds a limit of a few requests per minute (a free-tier key) without refusing most requests', () => {
    // 3 requests a minute, 10 rows asked for at once: most of the first ones are refused, then
    // the rate learned from the last minute's successes keeps refusals rare (before: more 429s
    // than rows, as each cut started from the rate of the first burst).
    const result = simulate({ ratePerSecond: 3 / 60, burst: 1, latencyMs: 300, maxParallelism: 10, rows: 60, hint: true });
    expect(result.rows).toBe(60);
    expect(result.achieved).toBeGreaterThanOrEqual(0.5);
    expect(result.refused / result.rows).toBeLessThan(0.5);
  });

  it('converges for a slow provider too', () => {
    const result = simulate({ ratePerSecond: 2, burst: 2, latencyMs: 400, maxParallelism: 10, rows: 3000, hint: true });
    expect(result.rows).toBe(3000);
    expect(result.achieved).toBeGreaterThanOrEqual(0.85);
    expect(result.refused / result.rows).toBeLessThan(0.05);
  });
});
