import type { ErrorCode } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import type { ResolvedModel } from '@lateral/spec';
import { isProviderCallError } from './inference-task-error.js';

export interface RowPosition {
  /** 1-based position of the batch's first row in the session's input. */
  firstRow: number;
  rows: number;
}

/**
 * The error that fails a statement: the same facts (code, status, masked body, retryability)
 * with the model and the input row named, so a user can find the row that failed. Rows are named
 * by position only: their values may be private.
 */
export function finalError(
  error: LateralError,
  model: ResolvedModel,
  position: RowPosition,
  options: { code?: ErrorCode; message?: string; debug?: boolean } = {},
): LateralError {
  const rows = position.rows > 1 ? `input rows ${position.firstRow}-${position.firstRow + position.rows - 1}` : `input row ${position.firstRow}`;
  let message = `${options.message ?? error.message} (model '${model.name}' version ${model.version}, ${rows})`;
  const code = options.code ?? error.code;
  const where = { row: position.firstRow, batchRows: position.rows, model: model.name, modelVersion: model.version };
  if (isProviderCallError(error)) {
    if (options.debug && error.maskedBody && !message.includes(error.maskedBody)) message += `; response: ${error.maskedBody}`;
    const rebuilt = new ProviderCallError({
      code,
      message,
      providerId: error.providerId,
      status: error.status,
      maskedBody: error.maskedBody,
      retryable: code === error.code ? error.retryable : false,
      retryAfterMs: error.retryAfterMs,
      providerCode: error.providerCode,
      cause: error,
    });
    Object.assign(rebuilt.details ?? {}, where);
    return rebuilt;
  }
  return new LateralError({ code, message, details: { ...error.details, ...where }, expected: error.expected, cause: error });
}
