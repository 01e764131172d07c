import type { FormatContext } from '@lateral/spec';
import { normalizeFormatName, splitWrapper } from '@lateral/spec';
import { batchTooLarge } from './format-errors.js';

/**
 * Rows per request for an input format that can batch: `limit` when the model's output format can
 * split the answer back into rows (`splittableOutputs`, which includes the input format's default
 * output), else 1. An unknown output format means the default one.
 */
export function batchLimit(context: FormatContext, limit: number, splittableOutputs: readonly string[]): number {
  if (context.outputFormatId === undefined) return limit;
  const wanted = normalizeFormatName(splitWrapper(context.outputFormatId).name);
  return splittableOutputs.some((id) => normalizeFormatName(id) === wanted) ? limit : 1;
}

/** Guards encode against a caller that ignored maxRowsPerRequest. */
export function assertBatchSize(formatId: string, limit: number, rowCount: number): void {
  if (rowCount < 1 || rowCount > limit) throw batchTooLarge(formatId, limit, rowCount);
}
