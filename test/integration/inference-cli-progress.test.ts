import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TOKENS, type RuntimeStats } from '@lateral/core';
import { startProgressReporting } from '../../packages/cli/src/progress/progress-line.js';
import { summaryLine } from '../../packages/cli/src/progress/progress-format.js';

function stats(overrides: Partial<RuntimeStats> = {}): RuntimeStats {
  return { rowsDone: 0, rowsPerSecond: 0, inFlight: 0, retries: 0, http429: 0, requests: 0, errors: 0, tokens: 0, elapsedMs: 0, ...overrides };
}

function fakeRuntime(initial: RuntimeStats) {
  let current = initial;
  const listeners = new Set<(stats: RuntimeStats) => void>();
  return {
    get stats() {
      return current;
    },
    subscribe(listener: (stats: RuntimeStats) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: RuntimeStats) {
      current = next;
      listeners.forEach((listener) => listener(next));
    },
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

describe('progress line', () => {
  it('formats the summary line', () => {
    expect(summaryLine(stats({ rowsDone: 1000, requests: 250, retries: 3, http429: 1, elapsedMs: 12_300, rowsPerSecond: 81.3 }))).toBe(
      'lateral: 1,000 rows, 250 requests, 3 retries, 1 × 429 in 12.3 s (81.3 rows/s)',
    );
    expect(summaryLine(stats({ rowsDone: 1, requests: 1, retries: 1, elapsedMs: 125_000 }))).toBe(
      'lateral: 1 row, 1 request, 1 retry, 0 × 429 in 2 min 5 s (0 rows/s)',
    );
  });

  it('shows the live line outside a terminal once inference has run long enough, then the summary', async () => {
    const runtime = fakeRuntime(stats());
    const { stream, output } = capture(false);
    const stop = startProgressReporting(runtime, stream, { showAfterMsOffTty: 0, notTtyScheduleMs: 10, refreshMs: 5 });
    runtime.set(stats({ rowsDone: 42, requests: 11, inFlight: 3, retries: 2, http429: 1, elapsedMs: 500, rowsPerSecond: 84 }));
    await until(() => output().includes('42 rows |'));
    expect(output()).toContain('lateral: 42 rows | 84 rows/s | 3 in flight | 2 retries | 1 × 429');
    stop();
    expect(output().trim().split('\n').at(-1)).toBe('lateral: 42 rows, 11 requests, 2 retries, 1 × 429 in 0.5 s (84 rows/s)');
  });

  it('stays quiet for a statement that sent no request', () => {
    const runtime = fakeRuntime(stats());
    const { stream, output } = capture(true);
    const stop = startProgressReporting(runtime, stream);
    stop();
    expect(output()).toBe('');
  });

  it('stays quiet for a run shorter than the delay', async () => {
    const runtime = fakeRuntime(stats({ requests: 3, rowsDone: 3, elapsedMs: 200 }));
    const { stream, output } = capture(false);
    const stop = startProgressReporting(runtime, stream, { refreshMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    stop();
    expect(output()).toBe('');
  });

  it('finds the runtime in the CLI container', async () => {
    const runtime = fakeRuntime(stats({ requests: 1, rowsDone: 1, elapsedMs: 10 }));
    const { stream, output } = capture(false);
    const scope = { resolve: <T>(token: symbol) => (token === TOKENS.InferenceRunner ? runtime : undefined) as T };
    const stop = startProgressReporting(scope, stream, { showAfterMsOffTty: 0, refreshMs: 5 });
    await until(() => output().includes('1 rows |') || output().includes('1 row'));
    stop();
    expect(output()).toContain('lateral: 1 row, 1 request');
  });
});
