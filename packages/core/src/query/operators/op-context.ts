import type { TableSource } from '@lateral/spec';
import type { EngineContext } from '../../engine/engine-context.js';
import { LateralError } from '@lateral/spec';
import type { Row } from '@lateral/spec';

/** What operators need while a plan runs. */
export interface OperatorContext {
  engine: EngineContext;
  signal?: AbortSignal;
  /**
   * Told the positions after each batch a table scan read (contract v2's SourceBatch.positions),
   * so an INSERT can commit them with its output. The last call is where the read stopped.
   */
  onSourcePositions?: (positions: unknown, source: TableSource) => void;
}

/** Rows move between operators in batches; sources cut their output to this size. */
export const BATCH_SIZE = 1024;

export type RowBatches = AsyncIterable<Row[]>;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LateralError({ code: 'LATERAL_ERR_ABORTED', message: 'The statement was cancelled', cause: signal.reason });
}
