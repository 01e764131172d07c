import type { SourceLocation } from '@lateral/parser';
import type { Diagnostic } from '../contracts/diagnostic.js';
import { LateralError, LateralErrors } from '../errors/lateral-error.js';

export interface DiagnosticPlacement {
  /** Where a diagnostic points: its option's entry, else the statement or name. */
  locate?(diagnostic: Diagnostic): SourceLocation | undefined;
  statementText?: string;
}

export function diagnosticToError(diagnostic: Diagnostic, placement: DiagnosticPlacement = {}): LateralError {
  const location = placement.locate?.(diagnostic);
  return new LateralError({
    code: diagnostic.code,
    message: diagnostic.message,
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
