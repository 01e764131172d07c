import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TOKENS, type RuntimeStats, type StatementEvent, type StatementObserver, type StatementStats } from '@lateral/core';
import { ENGINE } from '../../packages/cli/src/lateral-session.js';
import { startProgressReporting } from '../../packages/cli/src/progress/progress-line.js';
import { percentile, progressText, summaryLine } from '../../packages/cli/src/progress/progress-format.js';

function stats(overrides: Partial<StatementStats> = {}): StatementStats {
  return {
    rowsDone: 0, rowsPerSecond: 0, inFlight: 0, retries: 0, http429: 0, requests: 0, errors: 0, tokens: 0,
    inputTokens: 0, outputTokens: 0, rateLimitWaits: 0, elapsedMs: 0, latenciesMs: [],
    ...overrides,
  };
}

/** An engine that reports statements and a runtime whose per-statement counters the test sets. */
function fakeSources() {
  let current = stats();
  let openScopes = 0;
  const observers = new Set<StatementObserver>();
  let expected: number | undefined;
  const event: StatementEvent = { index: 0, text: 'SELECT ...', type: 'query', expectedRows: async () => expected };
  return {
    runtime: {
      openStatementStats() {
        current = stats();
        openScopes += 1;
        return { snapshot: () => current, close: () => void (openScopes -= 1) };
      },
    },
    engine: {
      observeStatements(observer: StatementObserver) {
        observers.add(observer);
        return () => observers.delete(observer);
      },
    },
    set: (next: Partial<RuntimeStats> & { latenciesMs?: number[] }) => (current = stats(next)),
    start: () => observers.forEach((observer) => observer.started?.(event)),
    rows: (count: number) => observers.forEach((observer) => observer.rows?.(event, count)),
    settle: () => observers.forEach((observer) => observer.settled?.(event)),
    expect: (rows: number) => (expected = rows),
    openScopes: () => openScopes,
    observerCount: () => observers.size,
  };
}

function capture(tty: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  stream.isTTY = tty;
  stream.columns = 200;
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, output: () => output };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('progress line format', () => {
  it('formats the summary line with tokens and latency percentiles', () => {
    expect(
      summaryLine(stats({ rowsDone: 1000, requests: 250, retries: 3, http429: 1, elapsedMs: 12_300, inputTokens: 45_000, outputTokens: 6_000, latenciesMs: [100, 200, 300, 900] })),
    ).toBe('lateral: 1,000 rows, 250 requests, 3 retries, 1 × 429, 45,000 input / 6,000 output tokens, latency p50 200 ms p99 900 ms, 12.3 s');
    expect(summaryLine(stats({ rowsDone: 1, requests: 1, retries: 1, elapsedMs: 125_000 }))).toBe(
      'lateral: 1 row, 1 request, 1 retry, 0 × 429, 0 input / 0 output tokens, latency p50 - p99 -, 2 min 5 s',
    );
  });

  it('shows total, percentage and ETA when the row count is known, and rate-limit waits', () => {
    expect(progressText(stats({ rowsDone: 120, rowsPerSecond: 10, inFlight: 2, elapsedMs: 12_000 }), 300)).toBe(
      'lateral: 120/300 rows (40%) | 10 rows/s | ETA 18 s | 2 in flight | 0 retries | 0 × 429 | 12 s',
    );
    expect(progressText(stats({ rowsDone: 5, rowsPerSecond: 1, http429: 2, rateLimitWaits: 1, elapsedMs: 5_000 }))).toBe(
      'lateral: 5 rows | 1 rows/s | 0 in flight | 0 retries | 2 × 429 | 5 s | waiting for rate limit',
    );
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 0.99)).toBe(99);
    expect(percentile([3, 1, 2], 0.5)).toBe(2);
  });
});

describe('progress reporting per statement', () => {
  it('draws from the first request on a terminal, clears for rows, and prints the summary on flush', async () => {
    const sources = fakeSources();
    const { stream, output } = capture(true);
    const progress = startProgressReporting(sources, stream, { refreshMs: 5 });
    sources.expect(300);
    sources.start();
    sources.set({ requests: 1, inFlight: 1, elapsedMs: 1 });
    await until(() => output().includes('lateral: 0/300 rows (0%)'));
    const beforeRows = output().length;
    sources.rows(10);
    expect(output().slice(beforeRows)).toMatch(/\x1b\[2K$/);
    sources.set({ requests: 4, rowsDone: 4, inputTokens: 40, outputTokens: 4, elapsedMs: 400, latenciesMs: [10, 20, 30, 40] });
    sources.settle();
    expect(output()).not.toContain('lateral: 4 rows,');
    progress.flush();
    expect(output().trim().split('\n').at(-1)!.split('\x1b[2K').at(-1)).toBe('lateral: 4 rows, 4 requests, 0 retries, 0 × 429, 40 input / 4 output tokens, latency p50 20 ms p99 40 ms, 0.4 s');
    expect(sources.openScopes()).toBe(0);
    progress();
    expect(sources.observerCount()).toBe(0);
  });

  it('stays quiet for a statement that sent no request', () => {
    const sources = fakeSources();
    const { stream, output } = capture(true);
    const progress = startProgressReporting(sources, stream);
    sources.start();
    sources.settle();
    progress();
    expect(output()).toBe('');
  });

  it('off a terminal, stays quiet for a statement shorter than the delay', async () => {
    const sources = fakeSources();
    const { stream, output } = capture(false);
    const progress = startProgressReporting(sources, stream, { refreshMs: 5 });
    sources.start();
    sources.set({ requests: 3, rowsDone: 3, elapsedMs: 200 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    sources.settle();
    progress();
    expect(output()).toBe('');
  });

  it('off a terminal, prints the line on schedule and the summary for a long statement', async () => {
    const sources = fakeSources();
    const { stream, output } = capture(false);
    const progress = startProgressReporting(sources, stream, { showAfterMsOffTty: 0, notTtyScheduleMs: 10, refreshMs: 5 });
    sources.start();
    sources.set({ rowsDone: 42, requests: 11, inFlight: 3, retries: 2, http429: 1, elapsedMs: 500, rowsPerSecond: 84 });
    await until(() => output().includes('42 rows |'));
    expect(output()).toContain('lateral: 42 rows | 84 rows/s | 3 in flight | 2 retries | 1 × 429');
    sources.settle();
    progress();
    expect(output().trim().split('\n').at(-1)).toMatch(/^lateral: 42 rows, 11 requests, 2 retries, 1 × 429, /);
  });

  it('finds the runtime and the engine in the CLI container', async () => {
    const sources = fakeSources();
    const { stream, output } = capture(true);
    const scope = { resolve: <T>(token: symbol) => (token === TOKENS.InferenceRunner ? sources.runtime : token === ENGINE ? sources.engine : undefined) as T };
    const progress = startProgressReporting(scope, stream, { refreshMs: 5 });
    sources.start();
    sources.set({ requests: 1, rowsDone: 1, elapsedMs: 10 });
    await until(() => output().includes('lateral: 1 row |'));
    sources.settle();
    progress();
    expect(output()).toContain('lateral: 1 row, 1 request');
  });
});
