import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { OutputFormat } from './output/result-writer.js';

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
  /** Expanded display (one `column | value` line per field), switched by the shell's `\x`. */
  expanded?: boolean;
}

/** `--data-dir`, else `LATERAL_HOME`, else `~/.lateral` (design.md "Catalog and data"). */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  if (env.LATERAL_HOME) return resolve(env.LATERAL_HOME);
  return join(homedir(), '.lateral');
}
