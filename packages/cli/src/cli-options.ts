import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OutputFormat } from './output/output-format.js';

export type ExecutionMode = 'pool' | 'in-process' | 'auto';

/** Options every way of running Lateral shares (file, -e, shell). */
export interface CliOptions {
  format: OutputFormat;
  dataDir: string;
  modelsDir?: string;
  execution: ExecutionMode;
  workers?: number;
  traceFile?: string;
  progress: boolean;
  /** table format: one `column | value` block per row (psql's `\x`). */
  expanded?: boolean;
  /** Go on with the next statement after a failing one (default: stop at the first failure). */
  continueOnError?: boolean;
  /** Print the stack of an internal error (LATERAL_ERR_INTERNAL). */
  debug?: boolean;
  /** The interactive shell runs: status messages of the table format go to stdout, next to the rows. */
  interactive?: boolean;
}

/** `--data-dir`, else `LATERAL_HOME`, else `~/.lateral` (design.md "Catalog and data"). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.LATERAL_HOME) return resolve(env.LATERAL_HOME);
  return join(homedir(), '.lateral');
}
