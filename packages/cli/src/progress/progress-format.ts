import type { RuntimeStats } from '@lateral/core';

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

/** The fields of the live line (cli-progress payload tokens). */
export function progressPayload(stats: RuntimeStats): Record<string, string> {
  return {
    rows: integer.format(stats.rowsDone),
    rate: decimal.format(stats.rowsPerSecond),
    inFlight: integer.format(stats.inFlight),
    retries: integer.format(stats.retries),
    http429: integer.format(stats.http429),
    elapsed: formatElapsed(stats.elapsedMs),
  };
}

export const PROGRESS_FORMAT = 'lateral: {rows} rows | {rate} rows/s | {inFlight} in flight | {retries} retries | {http429} × 429 | {elapsed}';

/** `lateral: 1,000 rows, 250 requests, 3 retries, 1 × 429 in 12.3 s (81.3 rows/s)` */
export function summaryLine(stats: RuntimeStats): string {
  return (
    `lateral: ${plural(stats.rowsDone, 'row')}, ${plural(stats.requests, 'request')}, ${plural(stats.retries, 'retry', 'retries')}, ` +
    `${integer.format(stats.http429)} × 429 in ${formatElapsed(stats.elapsedMs)} (${decimal.format(stats.rowsPerSecond)} rows/s)`
  );
}
