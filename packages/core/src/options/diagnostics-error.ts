import type { SourceLocation } from '@lateral/parser';
import type { Diagnostic } from '@lateral/spec';
import { nearestName } from '@lateral/spec';
import { LateralError, LateralErrors } from '@lateral/spec';

export interface DiagnosticPlacement {
  /** Where a diagnostic points: its option's entry, else the statement or name. */
  locate?(diagnostic: Diagnostic): SourceLocation | undefined;
  statementText?: string;
}

export function diagnosticToError(diagnostic: Diagnostic, placement: DiagnosticPlacement = {}): LateralError {
  const location = placement.locate?.(diagnostic);
  return new LateralError({
    code: diagnostic.code,
    message: withSuggestion(diagnostic),
    ...(location ? { location } : {}),
    ...(placement.statementText === undefined ? {} : { statementText: placement.statementText }),
    ...(diagnostic.expected ? { expected: diagnostic.expected } : {}),
    ...(diagnostic.option ? { details: { option: diagnostic.option } } : {}),
  });
}

/** One diagnostic → one LateralError; several → LateralErrors listing each, in order. */
export function errorFromDiagnostics(diagnostics: readonly Diagnostic[], placement: DiagnosticPlacement = {}): LateralError | LateralErrors {
  const errors = diagnostics.map((diagnostic) => diagnosticToError(diagnostic, placement));
  if (errors.length === 1 && errors[0]) return errors[0];
  return new LateralErrors(errors);
}

/** An unknown option key that is a near miss of an allowed one says which (`'api_key'` → `'api-key'`). */
function withSuggestion(diagnostic: Diagnostic): string {
  if (diagnostic.code !== 'LATERAL_ERR_OPTION_UNKNOWN' || !diagnostic.option || !diagnostic.expected) return diagnostic.message;
  const suggestion = nearestName(diagnostic.option, diagnostic.expected);
  return suggestion ? `${diagnostic.message} (did you mean '${suggestion}'?)` : diagnostic.message;
}
