import { type Engine, formatLateralError, LateralError } from '@lateral/core';
import { inject, injectable } from 'tsyringe';
import type { CliOptions } from './cli-options.js';
import { CLI_OPTIONS, ENGINE, STREAMS } from './lateral-session.js';
import { write, writeRows, type Streams } from './output/result-writer.js';

export interface RunOutcome {
  ok: boolean;
  statementsRun: number;
}

/**
 * Runs SQL text statement by statement and writes results. In the machine formats stdout carries
 * only rows; messages, warnings and errors go to stderr (design.md, "The CLI contract"). The first
 * failing statement stops the script: what earlier statements did stays done.
 */
@injectable()
export class ScriptRunner {
  constructor(
    @inject(ENGINE) private readonly engine: Engine,
    @inject(CLI_OPTIONS) private readonly options: CliOptions,
    @inject(STREAMS) private readonly streams: Streams,
  ) {}

  async run(sql: string, source: string, signal?: AbortSignal): Promise<RunOutcome> {
    let statementsRun = 0;
    const messages = this.options.format === 'table' ? this.streams.stdout : this.streams.stderr;
    try {
      for await (const result of this.engine.executeScript(sql, { source, signal })) {
        statementsRun += 1;
        if (result.kind === 'message') {
          for (const warning of result.warnings ?? []) await write(this.streams.stderr, `warning: ${warning}\n`);
          await write(messages, `${result.message}\n`);
        }
        else await writeRows(result, this.options.format, this.streams);
      }
      return { ok: true, statementsRun };
    } catch (error) {
      await write(this.streams.stderr, `${describeFailure(error, source)}\n`);
      return { ok: false, statementsRun };
    }
  }
}

export function describeFailure(error: unknown, source: string): string {
  if (LateralError.isInstance(error) || (error instanceof Error && 'errors' in error)) return formatLateralError(error, source);
  if (error instanceof Error && error.name === 'AbortError') return 'LATERAL_ERR_ABORTED: the statement was cancelled.';
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `LATERAL_ERR_INTERNAL: ${message}`;
}
