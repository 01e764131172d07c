import { SingleBar } from 'cli-progress';
import { TOKENS, type StatementEvent, type StatementObserver, type StatementStatsScope } from '@lateral/core';
import { ENGINE } from '../lateral-session.js';
import { progressText, summaryLine } from './progress-format.js';

/** What the progress line reads: the runtime's per-statement counters and the engine's statement events. */
export interface ProgressSources {
  runtime: { openStatementStats(): StatementStatsScope };
  engine: { observeStatements(observer: StatementObserver): () => void };
}

export interface ProgressOptions {
  /** On a terminal the line appears this long after the statement's first request (default 0). */
  showAfterMsOnTty?: number;
  /** Elsewhere (CI logs, files) it appears after this much, then every `notTtyScheduleMs` (default 10 s each). */
  showAfterMsOffTty?: number;
  notTtyScheduleMs?: number;
  /** How often the line is redrawn on a terminal (default 200 ms). */
  refreshMs?: number;
}

/** Stops reporting (printing a pending summary); `flush()` prints a pending summary now. */
export interface ProgressHandle {
  (): void;
  flush(): void;
}

type Scope = { resolve<T>(token: symbol): T };

function isSources(value: unknown): value is ProgressSources {
  return typeof value === 'object' && value !== null && 'runtime' in value && 'engine' in value;
}

/**
 * One progress line per statement on `stream`, from the statement's first request: rows done (of
 * the total when known, with % and ETA), rows/s, in flight, retries, 429s, and whether pacing holds
 * requests back. The line is cleared before the statement's rows are handed to the writer and when
 * the statement ends, so nothing is left under the prompt. A statement that sent requests ends with
 * a summary line (rows, requests, retries, 429s, input/output tokens, latency p50/p99), printed
 * after its rows: at the next statement, `flush()` or stop. Off a terminal, only statements that
 * ran longer than `showAfterMsOffTty` report, so scripts and tests keep a clean stderr.
 */
export function startProgressReporting(source: Scope | ProgressSources, stream: NodeJS.WriteStream, options: ProgressOptions = {}): ProgressHandle {
  const sources = isSources(source) ? source : resolveSources(source);
  if (!sources) return Object.assign(() => undefined, { flush: () => undefined });
  const tty = stream.isTTY === true;
  const showAfterMs = tty ? (options.showAfterMsOnTty ?? 0) : (options.showAfterMsOffTty ?? 10_000);
  let current: StatementProgress | undefined;
  let pendingSummary: string | undefined;

  const flush = () => {
    if (pendingSummary === undefined) return;
    stream.write(`${pendingSummary}\n`);
    pendingSummary = undefined;
  };
  const finish = () => {
    if (!current) return;
    const summary = current.finish();
    current = undefined;
    if (summary !== undefined) pendingSummary = summary;
  };
  const unsubscribe = sources.engine.observeStatements({
    started(event) {
      finish();
      flush();
      current = new StatementProgress(sources.runtime.openStatementStats(), event, stream, {
        tty,
        showAfterMs,
        notTtyScheduleMs: options.notTtyScheduleMs ?? 10_000,
        refreshMs: options.refreshMs ?? 200,
      });
    },
    rows() {
      current?.clearForRows();
    },
    settled() {
      finish();
    },
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    finish();
    flush();
  };
  return Object.assign(stop, { flush });
}

interface LineSettings {
  tty: boolean;
  showAfterMs: number;
  notTtyScheduleMs: number;
  refreshMs: number;
}

/** The live line of one statement, drawn with cli-progress (its own SIGINT handling is off: the CLI owns Ctrl-C). */
class StatementProgress {
  private bar: SingleBar | undefined;
  private shown = false;
  private totalRows: number | undefined;
  private totalAsked = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly counters: StatementStatsScope,
    private readonly event: StatementEvent,
    private readonly stream: NodeJS.WriteStream,
    private readonly settings: LineSettings,
  ) {
    this.timer = setInterval(() => this.tick(), settings.refreshMs);
    this.timer.unref();
  }

  /** Rows are about to print: take the line away (the next tick draws it again below them). */
  clearForRows(): void {
    if (!this.settings.tty || !this.bar) return;
    this.bar.stop();
    this.bar = undefined;
  }

  /** Ends the line; returns the summary when the statement sent requests and was worth reporting. */
  finish(): string | undefined {
    clearInterval(this.timer);
    this.bar?.stop();
    this.bar = undefined;
    const stats = this.counters.snapshot();
    this.counters.close();
    if (stats.requests === 0) return undefined;
    return this.settings.tty || this.shown ? summaryLine(stats) : undefined;
  }

  private tick(): void {
    const stats = this.counters.snapshot();
    if (stats.requests === 0) return;
    if (!this.totalAsked) {
      // Asked once the statement calls a model: counting rows costs a read of the table's file.
      this.totalAsked = true;
      this.event.expectedRows().then(
        (rows) => (this.totalRows = rows),
        () => undefined,
      );
    }
    if (stats.elapsedMs < this.settings.showAfterMs) return;
    const text = this.fit(progressText(stats, this.totalRows));
    if (!this.bar) {
      this.shown = true;
      this.bar = new SingleBar({
        stream: this.stream,
        format: (_options: unknown, _params: unknown, payload: { text?: string }) => payload.text ?? '',
        noTTYOutput: !this.settings.tty,
        notTTYSchedule: this.settings.notTtyScheduleMs,
        hideCursor: false,
        clearOnComplete: true,
        linewrap: this.settings.tty ? true : null,
        gracefulExit: false,
      });
      this.bar.start(0, 0, { text });
    }
    this.bar.update(0, { text });
  }

  /** One terminal line: a wrapped line could not be cleared by `\r`. */
  private fit(text: string): string {
    const columns = this.settings.tty ? this.stream.columns : undefined;
    if (!columns || text.length < columns) return text;
    return `${text.slice(0, Math.max(1, columns - 2))}…`;
  }
}

function resolveSources(scope: Scope): ProgressSources | undefined {
  try {
    const runtime = scope.resolve<unknown>(TOKENS.InferenceRunner);
    const engine = scope.resolve<unknown>(ENGINE);
    if (!hasMethod(runtime, 'openStatementStats') || !hasMethod(engine, 'observeStatements')) return undefined;
    return { runtime, engine } as ProgressSources;
  } catch {
    return undefined;
  }
}

function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}
