import { existsSync, mkdirSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolveDataDir, type CliOptions, type ExecutionMode } from './cli-options.js';
import { describeFailure } from './failure-report.js';
import { closeLateralContainer, openLateralContainer, STREAMS } from './lateral-session.js';
import { OUTPUT_CLOSED_EXIT_STATUS, watchForClosedOutput } from './output/output-closed.js';
import { OUTPUT_FORMATS, type OutputFormat, type Streams } from './output/result-writer.js';
import { ScriptRunner } from './script-runner.js';
import { readSqlFile, readStdin, STDIN_SOURCE, untilQuit, type ScriptSource } from './script-sources.js';
import { runInteractiveShell } from './shell/interactive-shell.js';
import { installTelemetry } from './telemetry/install-telemetry.js';
import { startProgressReporting } from './progress/progress-line.js';
import { VERSION } from './version.js';

interface RawOptions {
  execute?: string;
  file?: string[];
  format: OutputFormat;
  dataDir?: string;
  modelsDir?: string;
  execution: ExecutionMode;
  workers?: number;
  trace?: string;
  progress: boolean;
  expanded?: boolean;
  continueOnError?: boolean;
  debug?: boolean;
  interactive?: boolean;
}

/** What one invocation runs: scripts in order, or the interactive shell. */
type Work = { scripts: ScriptSource[] } | { shell: true };

/** Exit status of a command line that is not valid (as for an unreadable file). */
const USAGE_EXIT_STATUS = 2;

function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer.');
  return number;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The options `lateral` and `lateral run` share, so they may be written before or after `run`. */
function addCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'how query results are printed').choices(OUTPUT_FORMATS).default('table'))
    .option('-x, --expanded', 'table format: one "column | value" block per row')
    .option('--continue-on-error', 'after a failing statement, go on with the next one (default: stop)')
    .option('--data-dir <dir>', 'catalog and table data (default: $LATERAL_HOME or ~/.lateral)')
    .option('--models-dir <dir>', 'local models directory (default: $LATERAL_MODELS)')
    .addOption(new Option('--execution <mode>', 'where inference requests run').choices(['pool', 'in-process', 'auto']).default('auto'))
    .option('--workers <n>', 'worker threads in the pool', positiveInt)
    .option('--trace <file>', 'write OpenTelemetry spans to FILE as NDJSON')
    .option('--no-progress', 'do not show the live progress line')
    .option('--debug', 'print the stack trace of an internal error');
}

/** Commander's own messages (unknown option, missing argument) carry the usage code too. */
function codedUsageOutput(command: Command): Command {
  return command.configureOutput({
    outputError: (text, write) => write(`LATERAL_ERR_CLI_USAGE: ${text.replace(/^error: /, '')}`),
  });
}

function usageError(message: string): number {
  process.stderr.write(`LATERAL_ERR_CLI_USAGE: ${message}\n`);
  return USAGE_EXIT_STATUS;
}

async function readScripts(files: string[]): Promise<ScriptSource[] | string> {
  const scripts: ScriptSource[] = [];
  for (const file of files) {
    const sql = await readSqlFile(file);
    if (typeof sql !== 'string') return `cannot read ${file} (${sql.error}).`;
    scripts.push({ sql, source: file === '-' ? STDIN_SOURCE : file });
  }
  return scripts;
}

function buildProgram(run: (work: Work, raw: RawOptions) => Promise<number>): Command {
  const program = codedUsageOutput(
    addCommonOptions(
      new Command('lateral')
        .description('Run the Flink SQL dialect for AI model inference on your own machine.\nWithout -e or -f, statements are read from standard input: a terminal gets the interactive shell, a pipe is run as a script.')
        .version(VERSION)
        .option('-e, --execute <sql>', 'run these statements and exit')
        .option('-f, --file <file>', 'run the statements of FILE and exit (repeatable; - is standard input)', collect)
        .option('-i, --interactive', 'the interactive shell even when standard input is not a terminal'),
    ),
  ).action(async (raw: RawOptions) => {
    if (raw.execute !== undefined && raw.file) {
      process.exitCode = usageError('-e and -f cannot be used together: put the statements in the file, or run them with -e alone.');
      return;
    }
    if (raw.execute !== undefined) {
      process.exitCode = await run({ scripts: [{ sql: raw.execute, source: '<command line>' }] }, raw);
      return;
    }
    if (raw.file) {
      const scripts = await readScripts(raw.file);
      process.exitCode = typeof scripts === 'string' ? usageError(scripts) : await run({ scripts }, raw);
      return;
    }
    if (raw.interactive || process.stdin.isTTY) {
      process.exitCode = await run({ shell: true }, raw);
      return;
    }
    // Piped input is a script (psql, DuckDB): text after the last `;` runs too, and a failure stops it.
    process.exitCode = await run({ scripts: [{ sql: untilQuit(await readStdin()), source: STDIN_SOURCE }] }, raw);
  });
  program.helpCommand(true);
  const runCommand = codedUsageOutput(
    addCommonOptions(
      new Command('run')
        .description('run the statements of SQL files, in order (- reads standard input)')
        .argument('<files...>', 'SQL files')
        .option('-e, --execute <sql>', 'not valid here: run takes files only'),
    ),
  ).action(async (files: string[], _own: RawOptions, command: Command) => {
    const raw = { ...program.opts<RawOptions>(), ...explicitOptions(command) };
    if (raw.execute !== undefined) {
      process.exitCode = usageError('run takes SQL files only; -e cannot be combined with files (use `lateral -e …` on its own).');
      return;
    }
    const scripts = await readScripts(files);
    process.exitCode = typeof scripts === 'string' ? usageError(scripts) : await run({ scripts }, raw);
  });
  program.addCommand(runCommand);
  return program;
}

/** Options the user wrote after `run` win over the program's (defaults do not). */
function explicitOptions(command: Command): Partial<RawOptions> {
  const chosen: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(command.opts())) {
    if (command.getOptionValueSource(key) !== 'default') chosen[key] = value;
  }
  return chosen as Partial<RawOptions>;
}

/** Runs one invocation: scripts (files, -e, piped stdin) or the interactive shell. */
async function runOnce(work: Work, raw: RawOptions): Promise<number> {
  const shell = 'shell' in work;
  const options: CliOptions = {
    format: raw.format,
    dataDir: resolveDataDir(raw.dataDir, process.env),
    modelsDir: raw.modelsDir ?? process.env.LATERAL_MODELS,
    execution: raw.execution,
    workers: raw.workers,
    traceFile: raw.trace,
    progress: raw.progress,
    expanded: raw.expanded ?? false,
    continueOnError: raw.continueOnError ?? false,
    debug: raw.debug ?? false,
    interactive: shell,
  };
  // Worker threads and the local provider read these, so they are set once, here.
  process.env.LATERAL_HOME = options.dataDir;
  if (options.modelsDir) process.env.LATERAL_MODELS = options.modelsDir;
  if (!existsSync(options.dataDir)) {
    process.stderr.write(`note: ${options.dataDir} does not exist; creating a new catalog there.\n`);
    try {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      process.stderr.write(`${describeFailure(error, '<data dir>', options.debug)}\n`);
      return 1;
    }
  }

  // A reader that goes away (`| head`) must not crash the process with an unhandled 'error'.
  let outputClosed = false;
  const unwatch = [
    watchForClosedOutput(process.stdout, () => (outputClosed = true)),
    watchForClosedOutput(process.stderr, () => undefined),
  ];
  const telemetry = await installTelemetry({ traceFile: options.traceFile, env: process.env });
  const streams: Streams = { stdout: process.stdout, stderr: process.stderr };
  let scope;
  try {
    scope = await openLateralContainer(options, process.env);
  } catch (error) {
    process.stderr.write(`${describeFailure(error, '<data dir>', options.debug)}\n`);
    await telemetry.shutdown();
    return 1;
  }
  scope.registerInstance(STREAMS, streams);
  const runner = scope.resolve(ScriptRunner);
  const stopProgress = options.progress ? startProgressReporting(scope, process.stderr) : undefined;
  try {
    if ('shell' in work) return await runInteractiveShell(runner, options.dataDir, { scope, progress: stopProgress });
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      let failed = false;
      for (const [index, script] of work.scripts.entries()) {
        const outcome = await runner.run(script.sql, script.source, abort.signal);
        if (outcome.outputClosed || outputClosed) return OUTPUT_CLOSED_EXIT_STATUS;
        if (!outcome.ok) {
          failed = true;
          if (!options.continueOnError || abort.signal.aborted) {
            const left = work.scripts.slice(index + 1).map((next) => next.source);
            if (left.length > 0) process.stderr.write(`note: not run: ${left.join(', ')}\n`);
            break;
          }
        }
      }
      return !failed ? 0 : abort.signal.aborted ? 130 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    stopProgress?.();
    await closeLateralContainer(scope);
    await telemetry.shutdown();
    for (const stop of unwatch) stop();
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram(runOnce);
  await program.parseAsync(argv);
}
