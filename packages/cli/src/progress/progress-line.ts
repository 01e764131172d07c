import { SingleBar } from 'cli-progress';
import { TOKENS, type RuntimeStats } from '@lateral/core';
import { PROGRESS_FORMAT, progressPayload, summaryLine } from './progress-format.js';

/** What the progress line reads: the CLI's inference runtime (createInferenceRuntime's result). */
export interface ObservableStats {
  readonly stats: RuntimeStats;
  subscribe(listener: (stats: RuntimeStats) => void): () => void;
}

export interface ProgressOptions {
  /** On a terminal the line appears after this much inference (default 1 s: quick statements stay quiet). */
  showAfterMsOnTty?: number;
  /** Elsewhere (CI logs, files) it appears after this much, then every `notTtyScheduleMs` (default 10 s each). */
  showAfterMsOffTty?: number;
  notTtyScheduleMs?: number;
  /** How often the line is redrawn on a terminal (default 200 ms). */
  refreshMs?: number;
}

type Scope = { resolve<T>(token: symbol): T };

function isObservable(value: unknown): value is ObservableStats {
  return typeof value === 'object' && value !== null && 'stats' in value && typeof (value as ObservableStats).subscribe === 'function';
}

/**
 * Shows a live line on `stream` (rows done, rows/s, in flight, retries, 429s) once inference has
 * run for a while, and replaces it with a one-line summary when stopped. Quick runs print nothing,
 * so scripts and tests keep a clean stderr. Takes the CLI's container (resolving the runtime by
 * TOKENS.InferenceRunner) or the runtime itself. Returns the stop function.
 */
export function startProgressReporting(source: Scope | ObservableStats, stream: NodeJS.WriteStream, options: ProgressOptions = {}): () => void {
  const runtime = isObservable(source) ? source : resolveRuntime(source);
  if (!runtime) return () => undefined;
  const tty = stream.isTTY === true;
  const showAfterMs = tty ? (options.showAfterMsOnTty ?? 1000) : (options.showAfterMsOffTty ?? 10_000);
  let bar: SingleBar | undefined;
  let latest = runtime.stats;
  const unsubscribe = runtime.subscribe((stats) => (latest = stats));
  const timer = setInterval(() => {
    if (latest.requests === 0) return;
    if (!bar && latest.elapsedMs >= showAfterMs) {
      bar = new SingleBar({
        stream,
        format: PROGRESS_FORMAT,
        noTTYOutput: !tty,
        notTTYSchedule: options.notTtyScheduleMs ?? 10_000,
        hideCursor: false,
        clearOnComplete: true,
        linewrap: tty ? true : null,
        gracefulExit: true,
      });
      bar.start(0, 0, progressPayload(runtime.stats));
    }
    bar?.update(0, progressPayload(runtime.stats));
  }, options.refreshMs ?? 200);
  timer.unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    unsubscribe();
    if (!bar) return;
    bar.stop();
    stream.write(`${summaryLine(runtime.stats)}\n`);
  };
}

function resolveRuntime(scope: Scope): ObservableStats | undefined {
  try {
    const runtime = scope.resolve<unknown>(TOKENS.InferenceRunner);
    return isObservable(runtime) ? runtime : undefined;
  } catch {
    return undefined;
  }
}
