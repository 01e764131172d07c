import type { OptionEntry, SourceLocation, Statement } from '@lateral/parser';
import type { Diagnostic } from '@lateral/spec';
import type { ErrorCode } from '@lateral/spec';
import { LateralError, type LateralErrors } from '@lateral/spec';
import { errorFromDiagnostics } from '../options/diagnostics-error.js';

/**
 * Diagnostics of one statement as an error: each points at the WITH entry of its option when the
 * statement wrote it, else at `fallback` (usually the object name).
 */
export function statementFailure(
  statement: Statement,
  diagnostics: readonly Diagnostic[],
  entries: ReadonlyMap<string, OptionEntry>,
  fallback: SourceLocation,
): LateralError | LateralErrors {
  const locate = (diagnostic: Diagnostic) =>
    (diagnostic.option ? entries.get(diagnostic.option.toLowerCase())?.location : undefined) ?? fallback;
  // Reported in the order they appear in the statement, as a reader scans it.
  const ordered = [...diagnostics].sort((a, b) => locate(a).start.offset - locate(b).start.offset);
  return errorFromDiagnostics(ordered, { statementText: statement.text, locate });
}

export function statementError(
  statement: Statement,
  code: ErrorCode,
  message: string,
  location: SourceLocation = statement.location,
  extra: { expected?: string[]; details?: Record<string, unknown> } = {},
): LateralError {
  return new LateralError({ code, message, location, statementText: statement.text, ...extra });
}
