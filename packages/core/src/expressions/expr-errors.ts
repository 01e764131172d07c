import type { SourceLocation } from '@lateral/parser';
import type { ErrorCode } from '@lateral/spec';
import { LateralError } from '@lateral/spec';

/** A bind-time error pointing at the offending part of the statement. */
export function bindError(code: ErrorCode, message: string, location?: SourceLocation, expected?: string[]): LateralError {
  return new LateralError({ code, message, location, expected });
}

/**
 * A value that cannot be converted (bad CAST input, overflow). Thrown by value-level helpers that
 * know nothing of SQL locations; the expression that ran them turns it into a located
 * LATERAL_ERR_EXEC_RUNTIME (or a NULL for TRY_CAST).
 */
export class ValueConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueConversionError';
  }
}

/** Wraps a failure while evaluating an expression into a located run-time error. */
export function runtimeError(error: unknown, location: SourceLocation): LateralError {
  if (LateralError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LateralError({ code: 'LATERAL_ERR_EXEC_RUNTIME', message, location, cause: error });
}
