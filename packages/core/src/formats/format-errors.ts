import type { Diagnostic } from '@lateral/spec';
import { LateralError } from '@lateral/spec';

/** A schema problem of the model INPUT, worded as the reference's validation does. */
export function inputSchemaDiagnostic(message: string): Diagnostic {
  return { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: `Invalid Schema for model input: ${message}` };
}

/** A schema problem of the model OUTPUT, worded as the reference's validation does. */
export function outputSchemaDiagnostic(message: string): Diagnostic {
  return { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: `Invalid Schema for model output: ${message}` };
}

/**
 * A response that cannot be decoded into the OUTPUT. Thrown as a plain LateralError: invokeOnce
 * wraps it into a ProviderCallError with the masked body.
 */
export function responseError(message: string, cause?: unknown): LateralError {
  return new LateralError({ code: 'LATERAL_ERR_PROVIDER_RESPONSE', message, cause });
}

export function countMismatch(expected: number, got: number): LateralError {
  return responseError(`Unexpected number of results from ML Predict. Expected ${expected} but got ${got}`);
}

/** Encoding was handed a batch larger than the format allows: a bug in the caller, not user input. */
export function batchTooLarge(formatId: string, limit: number, got: number): LateralError {
  return new LateralError({
    code: 'LATERAL_ERR_INTERNAL',
    message: `${formatId} encodes at most ${limit} row(s) per request but was given ${got}.`,
  });
}
