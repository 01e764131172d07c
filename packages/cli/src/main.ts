import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolveDataDir, type CliOptions, type ExecutionMode } from './cli-options.js';
import { closeLateralContainer, openLateralContainer, STREAMS } from './lateral-session.js';
import { OUTPUT_FORMATS, type OutputFormat, type Streams } from './output/result-writer.js';
import { ScriptRunner } from './script-runner.js';
import { runInteractiveShell } from './shell/interactive-shell.js';
import { installTelemetry } from './telemetry/install-telemetry.js';
import { startProgressReporting } from './progress/progress-line.js';
import { VERSION } from './version.js';

interface RawOptions {
  execute?: string;
  format: OutputFormat;
  dataDir?: string;
  modelsDir?: string;
  execution: ExecutionMode;
  workers?: number;
  trace?: string;
  progress: boolean;
}

function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer.');
  return number;
}

/** The options `lateral` and `lateral run` share, so they may be written before or after `run`. */
function addCommonOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'how query results are printed').choices(OUTPUT_FORMATS).default('table'))
    .option('--data-dir <dir>', 'catalog and table data (default: $LATERAL_HOME or ~/.lateral)')
    .option('--models-dir <dir>', 'local models directory (default: $LATERAL_MODELS)')
    .addOption(new Option('--execution <mode>', 'where inference requests run').choices(['pool', 'in-process', 'auto']).default('auto'))
    .option('--workers <n>', 'worker threads in the pool', positiveInt)
    .option('--trace <file>', 'write OpenTelemetry spans to FILE as NDJSON')
    .option('--no-progress', 'do not show the live progress line');
}

function buildProgram(run: (sql: string | undefined, source: string, raw: RawOptions) => Promise<number>): Command {
  const program = addCommonOptions(
    new Command('lateral')
      .description('Run the Flink SQL dialect for AI model inference on your own machine.')
      .version(VERSION)
      .option('-e, --execute <sql>', 'run these statements and exit'),
  ).action(async (raw: RawOptions) => {
    process.exitCode = await run(raw.execute, '<command line>', raw);
  });
  const runCommand = addCommonOptions(
    new Command('run').description('run the statements of SQL files, in order').argument('<files...>', 'SQL files'),
  ).action(async (files: string[], _own: RawOptions, command: Command) => {
    const raw = { ...program.opts<RawOptions>(), ...explicitOptions(command) };
    for (const file of files) {
      const sql = await readSqlFile(file);
      if (sql === undefined) {
        process.exitCode = 2;
        return;
      }
      const status = await run(sql, file, raw);
      if (status !== 0) {
        process.exitCode = status;
        return;
      }
    }
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

async function readSqlFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    process.stderr.write(`LATERAL_ERR_CLI_USAGE: cannot read ${file} (${reason}).\n`);
    return undefined;
  }
}

/** Runs one invocation: a script (file or -e) or, without one, the interactive shell. */
async function runOnce(sql: string | undefined, source: string, raw: RawOptions): Promise<number> {
  const options: CliOptions = {
    format: raw.format,
    dataDir: resolveDataDir(raw.dataDir, process.env),
    modelsDir: raw.modelsDir ?? process.env.LATERAL_MODELS,
    execution: raw.execution,
    workers: raw.workers,
    traceFile: raw.trace,
    progress: raw.progress,
  };
  // Worker threads and the local provider read these, so they are set once, here.
  process.env.LATERAL_HOME = options.dataDir;
  if (options.modelsDir) process.env.LATERAL_MODELS = options.modelsDir;

  const telemetry = await installTelemetry({ traceFile: options.traceFile, env: process.env });
  const streams: Streams = { stdout: process.stdout, stderr: process.stderr };
  const scope = await openLateralContainer(options, process.env);
  scope.registerInstance(STREAMS, streams);
  const runner = scope.resolve(ScriptRunner);
  const stopProgress = options.progress ? startProgressReporting(scope, process.stderr) : undefined;
  try {
    if (sql === undefined) return await runInteractiveShell(runner, options.dataDir, { scope, progress: stopProgress });
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const outcome = await runner.run(sql, source, abort.signal);
      return outcome.ok ? 0 : abort.signal.aborted ? 130 : 1;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    stopProgress?.();
    await closeLateralContainer(scope);
    await telemetry.shutdown();
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram(runOnce);
  await program.parseAsync(argv);
}
