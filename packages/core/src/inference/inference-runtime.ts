import type { ResolvedModel } from '@lateral/spec';
import type { Row } from '@lateral/spec';

/** The runtime configuration MAP of ML_PREDICT / AI_COMPLETE / AI_EMBEDDING (reference §11.1). */
export interface InvocationConfig {
  /** `async_enabled` (default true): false means one request at a time. */
  asyncEnabled: boolean;
  /** `client_timeout` in ms (default 30 s; the model's `<p>.client_timeout` when the MAP omits it). */
  clientTimeoutMs: number;
  /** `retry_count` (default 3). */
  retryCount: number;
  /** `max_parallelism` (default 10). */
  maxParallelism: number;
  /** `debug` (default false): error messages carry masked details. */
  debug: boolean;
  /** `ordered` (Lateral extension, default true): false lets outputs come in completion order. */
  ordered: boolean;
  /** `max_batch_size` (Lateral extension): caps rows per request below the format's limit. */
  maxBatchSize?: number;
}

/** One model-input row with an opaque tag the caller uses to join the output back. */
export interface InferenceInput<T> {
  tag: T;
  values: Row;
}

export interface InferenceOutput<T> {
  tag: T;
  /** Values in the model's OUTPUT column order. */
  output: Row;
}

/**
 * Runs one model over a stream for one lateral operator of one statement. Pulls inputs only as
 * fast as the in-flight window allows (backpressure) and yields outputs in input order unless
 * `ordered` is false. A failure that survives the retry policy ends the iteration with a
 * ProviderCallError naming the row.
 */
export interface InferenceSession {
  process<T>(inputs: AsyncIterable<Array<InferenceInput<T>>>): AsyncIterable<Array<InferenceOutput<T>>>;
}

export interface InferenceRuntime {
  openSession(model: ResolvedModel, config: InvocationConfig, signal?: AbortSignal): InferenceSession;
  /** Stops workers and timers. */
  close(): Promise<void>;
}

export const DEFAULT_INVOCATION_CONFIG: InvocationConfig = {
  asyncEnabled: true,
  clientTimeoutMs: 30_000,
  retryCount: 3,
  maxParallelism: 10,
  debug: false,
  ordered: true,
};
