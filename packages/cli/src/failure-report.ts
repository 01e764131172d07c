import { parse } from '@lateral/parser';
import { formatLateralError, LateralError, redactSecretValues } from '@lateral/core';
import { OutputClosedError } from './output/output-closed.js';

/** Statements listed as not run are shown on one line each, cut to this many characters. */
const STATEMENT_PREVIEW_CHARS = 72;
/** At most this many not-run statements are listed; the rest are counted. */
const MAX_LISTED = 10;

/**
 * How a failure is told: coded errors as the engine formats them; an operating-system error
 * (EACCES, ENOSPC, EROFS, ENOTDIR, …) as LATERAL_ERR_FILE_IO with the path; anything else as
 * LATERAL_ERR_INTERNAL, whose stack is printed only with `--debug`.
 */
export function describeFailure(error: unknown, source: string, debug = false): string {
  if (LateralError.isInstance(error) || (error instanceof Error && 'errors' in error)) return formatLateralError(error, source);
  if (error instanceof Error && error.name === 'AbortError') return 'LATERAL_ERR_ABORTED: the statement was cancelled.';
  if (OutputClosedError.isInstance(error)) return 'LATERAL_ERR_ABORTED: the output was closed by its reader.';
  const system = error as NodeJS.ErrnoException | undefined;
  if (system instanceof Error && typeof system.code === 'string' && /^E[A-Z]+$/.test(system.code) && system.syscall) {
    const where = system.path ? ` ${system.path}` : '';
    return `LATERAL_ERR_FILE_IO: cannot ${system.syscall}${where}: ${system.code}${hintFor(system.code)}`;
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return `LATERAL_ERR_INTERNAL: the input is too deeply nested or too large to process (${error.message}).${debugHint(error, debug)}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `LATERAL_ERR_INTERNAL: ${message}${debugHint(error, debug)}`;
}

function hintFor(code: string): string {
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return ' (the directory is not writable: check its permissions or choose another --data-dir).';
  if (code === 'ENOSPC') return ' (the disk is full).';
  if (code === 'ENOTDIR' || code === 'EEXIST') return ' (a file is in the way of a directory Lateral needs).';
  return '.';
}

function debugHint(error: unknown, debug: boolean): string {
  if (!debug) return ' (run with --debug for the stack trace)';
  return error instanceof Error && error.stack ? `\n${error.stack}` : '';
}

/**
 * The note after a failure that stopped a script: which statements were not run, by line, so the
 * user knows what to re-run. Statement texts are redacted and cut to one line.
 */
export function notRunNote(sql: string, firstNotRun: number, nothingRan: boolean): string | undefined {
  if (nothingRan) return 'note: no statement was run (the script is parsed whole before anything runs).';
  let statements;
  try {
    statements = parse(sql).statements;
  } catch {
    return undefined;
  }
  const left = statements.slice(firstNotRun);
  if (left.length === 0) return undefined;
  const lines = left.slice(0, MAX_LISTED).map((statement) => `  line ${statement.location.start.line}: ${preview(statement.text)}`);
  if (left.length > MAX_LISTED) lines.push(`  … and ${left.length - MAX_LISTED} more`);
  const count = `${left.length} statement${left.length === 1 ? ' was' : 's were'} not run`;
  return `note: ${count} (a failure stops the script; --continue-on-error runs the rest):\n${lines.join('\n')}`;
}

/** Redaction needs the whole statement (a cut could split a secret); a huge one shows only its text before the first quote. */
const MAX_REDACTED_CHARS = 100_000;

function preview(text: string): string {
  const safe = text.length <= MAX_REDACTED_CHARS ? redactSecretValues(text) : `${text.slice(0, Math.min(STATEMENT_PREVIEW_CHARS, text.indexOf("'") < 0 ? STATEMENT_PREVIEW_CHARS : text.indexOf("'")))}…`;
  const flat = safe.slice(0, 4 * STATEMENT_PREVIEW_CHARS).replace(/\s+/g, ' ').trim();
  return flat.length > STATEMENT_PREVIEW_CHARS ? `${flat.slice(0, STATEMENT_PREVIEW_CHARS - 1)}…` : flat;
}
