import type { RuntimeStats, StatementStats } from '@lateral/core';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function plural(count: number, one: string, many = `${one}s`): string {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

export function formatElapsed(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${decimal.format(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** The value at quantile `q` (0..1) of `values`, nearest-rank; undefined when there are none. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/**
 * The live line of one statement:
 * `lateral: 120/300 rows (40%) | 9.8 rows/s | ETA 18 s | 2 in flight | 0 retries | 0 × 429 | 12.3 s`,
 * with `| waiting for rate limit` while pacing holds requests back. Without a known total the
 * rows field is a plain count and there is no ETA.
 */
export function progressText(stats: RuntimeStats, totalRows?: number): string {
  const fields: string[] = [];
  if (totalRows !== undefined && totalRows > 0) {
    const done = Math.min(stats.rowsDone, totalRows);
    fields.push(`${integer.format(done)}/${integer.format(totalRows)} rows (${Math.floor((done * 100) / totalRows)}%)`);
  } else {
    fields.push(plural(stats.rowsDone, 'row'));
  }
  fields.push(`${decimal.format(stats.rowsPerSecond)} rows/s`);
  if (totalRows !== undefined && totalRows > 0 && stats.rowsPerSecond > 0) {
    fields.push(`ETA ${formatElapsed((Math.max(0, totalRows - stats.rowsDone) / stats.rowsPerSecond) * 1000)}`);
  }
  fields.push(`${integer.format(stats.inFlight)} in flight`, plural(stats.retries, 'retry', 'retries'), `${integer.format(stats.http429)} × 429`, formatElapsed(stats.elapsedMs));
  if (stats.rateLimitWaits > 0) fields.push('waiting for rate limit');
  return `lateral: ${fields.join(' | ')}`;
}

function milliseconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${integer.format(Math.round(ms))} ms`;
}

/**
 * One statement's summary:
 * `lateral: 300 rows, 150 requests, 2 retries, 1 × 429, 4,500 input / 600 output tokens, latency p50 210 ms p99 480 ms, 31.2 s`
 */
export function summaryLine(stats: StatementStats): string {
  return (
    `lateral: ${plural(stats.rowsDone, 'row')}, ${plural(stats.requests, 'request')}, ${plural(stats.retries, 'retry', 'retries')}, ` +
    `${integer.format(stats.http429)} × 429, ${integer.format(stats.inputTokens)} input / ${integer.format(stats.outputTokens)} output tokens, ` +
    `latency p50 ${milliseconds(percentile(stats.latenciesMs, 0.5))} p99 ${milliseconds(percentile(stats.latenciesMs, 0.99))}, ${formatElapsed(stats.elapsedMs)}`
  );
}
