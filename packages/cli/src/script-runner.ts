import { type Engine, LateralError, type StatementResult } from '@lateral/core';
import { inject, injectable } from 'tsyringe';
import type { CliOptions } from './cli-options.js';
import { describeFailure, notRunNote } from './failure-report.js';
import { CLI_OPTIONS, ENGINE, STREAMS } from './lateral-session.js';
import { OutputClosedError, write } from './output/output-closed.js';
import { createResultWriter, type ResultWriter, type Streams, type WriterOptions } from './output/result-writer.js';
import { displaySettingFrom } from './output/display-settings.js';

export { describeFailure } from './failure-report.js';

export interface RunOutcome {
  ok: boolean;
  statementsRun: number;
  /** stdout's reader went away (`| head`): the run stopped quietly before its next statement. */
  outputClosed?: boolean;
}

export interface RunOptions {
  /** Overrides `--continue-on-error` for this run. */
  continueOnError?: boolean;
}

interface StepOutcome {
  statementsRun: number;
  /** Index of the failing statement, undefined when everything ran. */
  failedAt?: number;
  nothingRan?: boolean;
  outputClosed?: boolean;
}

/**
 * Runs SQL text statement by statement and writes results. stdout carries only results; status
 * messages, warnings and errors go to stderr — except in the interactive shell's table format,
 * where messages show next to the rows (README, "Quickstart"). One error policy for
 * files, `-e`, stdin and the shell: a failing statement stops the text it belongs to and the
 * statements not run are listed; `--continue-on-error` goes on with the next statement instead.
 */
@injectable()
export class ScriptRunner {
  private writer: ResultWriter;

  constructor(
    @inject(ENGINE) private readonly engine: Engine,
    @inject(CLI_OPTIONS) private readonly options: CliOptions,
    @inject(STREAMS) private readonly streams: Streams,
  ) {
    this.writer = createResultWriter(streams, {
      format: options.format,
      expanded: options.expanded ?? false,
      terminalWidth: terminalWidthOf(streams.stdout),
    });
  }

  /** How results are shown now. */
  get writerOptions(): WriterOptions {
    return this.writer.options;
  }

  /** Shows later results with other options (the shell's format and expanded-display commands). */
  useWriter(options: WriterOptions): void {
    this.writer = createResultWriter(this.streams, options);
  }

  async run(sql: string, source: string, signal?: AbortSignal, runOptions: RunOptions = {}): Promise<RunOutcome> {
    const continueOnError = runOptions.continueOnError ?? this.options.continueOnError ?? false;
    let statementsRun = 0;
    let ok = true;
    let from = 0;
    for (;;) {
      const step = await this.runFrom(sql, source, from, signal);
      statementsRun += step.statementsRun;
      if (step.outputClosed) return { ok: false, statementsRun, outputClosed: true };
      if (step.failedAt === undefined) return { ok, statementsRun };
      ok = false;
      if (!continueOnError || step.nothingRan || signal?.aborted) {
        const note = notRunNote(sql, step.failedAt + 1, step.nothingRan ?? false);
        if (note) await this.tell(`${note}\n`);
        return { ok, statementsRun };
      }
      from = step.failedAt + 1;
    }
  }

  private async runFrom(sql: string, source: string, from: number, signal: AbortSignal | undefined): Promise<StepOutcome> {
    const messages = this.options.interactive && this.writer.options.format === 'table' ? this.streams.stdout : this.streams.stderr;
    let statementsRun = 0;
    // The statement whose result is being handled; a failure while pulling the next one is the next's.
    let current = from - 1;
    let pulling = true;
    try {
      const results = this.engine.executeScript(sql, { source, signal, fromStatement: from });
      for await (const result of results) {
        pulling = false;
        current += 1;
        statementsRun += 1;
        await this.show(result, messages);
        pulling = true;
      }
      return { statementsRun };
    } catch (error) {
      if (OutputClosedError.isInstance(error)) return { statementsRun, outputClosed: true };
      await this.tell(`${describeFailure(error, source, this.options.debug)}\n`);
      const reported = LateralError.isInstance(error) ? error.details?.statementIndex : undefined;
      const failedAt = typeof reported === 'number' ? reported : pulling ? current + 1 : current;
      const nothingRan = LateralError.isInstance(error) && error.code === 'LATERAL_ERR_PARSE_SYNTAX' && typeof reported !== 'number';
      return { statementsRun, failedAt, nothingRan };
    }
  }

  private async show(result: StatementResult, messages: NodeJS.WritableStream): Promise<void> {
    if (result.kind === 'rows') {
      await this.writer.writeRows(result);
      return;
    }
    for (const warning of result.warnings ?? []) await this.tell(`warning: ${warning}\n`);
    await write(messages, `${result.message}\n`);
    const display = displaySettingFrom(result.statement);
    if (display) this.useWriter({ ...this.writer.options, ...display });
  }

  /** Writes to stderr; a closed stderr must not hide the outcome, so its failure is ignored. */
  private async tell(text: string): Promise<void> {
    await write(this.streams.stderr, text).catch(() => undefined);
  }
}

/** The terminal's width, or `$COLUMNS` (as psql reads it) when stdout is not a terminal but the user set one. */
function terminalWidthOf(out: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const tty = out as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  if (tty.isTTY && tty.columns) return tty.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
