import type { Row } from '@lateral/spec';
import type { RowPosition } from './inference-request-errors.js';
import type { InferenceInput, InferenceOutput } from './inference-runtime.js';
import { abortedError } from './inference-task-error.js';

/** How long a partial batch waits for the next input batch before it is sent as it is. */
export const BATCH_LINGER_MS = 5;

export interface PipelineOptions {
  /** Rows per request: the format's and provider's limit, capped by max_batch_size. */
  batchSize: number;
  /** Requests in flight at once (max_parallelism; 1 without async). */
  maxParallelism: number;
  ordered: boolean;
  /** Aborted when the statement is cancelled; the pipeline's own abort follows it. */
  signal: AbortSignal;
  /** Runs one batch to completion (retries included); rejects with the statement's error. */
  runBatch(rows: Row[], position: RowPosition, signal: AbortSignal): Promise<Row[]>;
  /** Called once when the pipeline stops early or fails, to cancel work elsewhere (workers). */
  onCancel?(): void;
}

interface Batch<T> {
  seq: number;
  inputs: Array<InferenceInput<T>>;
  firstRow: number;
}

/**
 * Rows the window holds at least. In input order, a row waiting out a retry backoff (~0.5 s)
 * holds back every output after it; with only 2 x max_parallelism rows of slack, 5 % of retried
 * requests stalled a 64-way chat stream for much of its run. 1024 short rows are a few hundred KB.
 */
const MIN_WINDOW_ROWS = 1024;

/**
 * Moves rows from an input stream to the model and back, with bounded memory:
 * - pulls input only while fewer than `window` rows are pulled and not yet handed out
 *   (max_parallelism x batch size x 2, at least MIN_WINDOW_ROWS), so a million-row source never
 *   piles up; the floor lets one row waiting for a retry not stall a fast, ordered stream;
 * - cuts batches of `batchSize`; a partial tail waits at most BATCH_LINGER_MS for more rows;
 * - keeps `maxParallelism` batches in flight, refilled as each completes (even while the
 *   consumer is busy with the previous output);
 * - hands outputs out in input order (a reorder buffer inside the window) unless `ordered` is false.
 * A failed batch aborts the rest and the failure is thrown to the consumer.
 */
export class InferencePipeline<T> {
  private readonly iterator: AsyncIterator<Array<InferenceInput<T>>>;
  private readonly abort = new AbortController();
  private readonly window: number;
  private pending: Array<InferenceInput<T>> = [];
  private readonly ready: Array<Batch<T>> = [];
  private readonly completed = new Map<number, Array<InferenceOutput<T>>>();
  private readonly completedOrder: number[] = [];
  private nextSeq = 0;
  private nextYieldSeq = 0;
  private rowsCut = 0;
  private inFlight = 0;
  private windowRows = 0;
  private inputDone = false;
  private pulling = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private lingerExpired = false;
  private failure: { error: unknown } | undefined;
  private waiter: (() => void) | undefined;
  private closed = false;
  private cancelled = false;

  constructor(
    inputs: AsyncIterable<Array<InferenceInput<T>>>,
    private readonly options: PipelineOptions,
  ) {
    this.iterator = inputs[Symbol.asyncIterator]();
    this.window = Math.max(MIN_WINDOW_ROWS, options.batchSize * 2, options.maxParallelism * options.batchSize * 2);
    if (options.signal.aborted) this.abort.abort();
    else options.signal.addEventListener('abort', this.onOuterAbort, { once: true });
  }

  /** The next outputs (one or more completed batches), or undefined when every row is done. */
  async next(): Promise<Array<InferenceOutput<T>> | undefined> {
    this.pump();
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.abort.signal.aborted) throw abortedError();
      const outputs = this.take();
      if (outputs.length > 0) {
        this.windowRows -= outputs.length;
        this.pump();
        return outputs;
      }
      if (this.finished()) return undefined;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Stops pulling, cancels work in flight and closes the input. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.options.signal.removeEventListener('abort', this.onOuterAbort);
    clearTimeout(this.lingerTimer);
    if (!this.finished()) this.cancel();
    // Not awaited: an upstream generator blocked in its own next() finishes its return() later.
    void this.iterator.return?.()?.catch(() => undefined);
  }

  private readonly onOuterAbort = (): void => {
    this.cancel();
    this.wake();
  };

  /** Aborts this pipeline's requests here and in the workers, once. */
  private cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.abort.abort();
    this.options.onCancel?.();
  }

  private finished(): boolean {
    return (
      this.inputDone &&
      !this.pulling &&
      this.pending.length === 0 &&
      this.ready.length === 0 &&
      this.inFlight === 0 &&
      this.completed.size === 0
    );
  }

  private pump(): void {
    if (this.failure || this.abort.signal.aborted || this.closed) return;
    this.cutTail();
    while (this.ready.length > 0 && this.inFlight < this.options.maxParallelism) this.dispatch(this.ready.shift() as Batch<T>);
    if (!this.inputDone && !this.pulling && this.windowRows < this.window) this.pull();
  }

  private pull(): void {
    this.pulling = true;
    if (this.pending.length > 0) {
      this.lingerExpired = false;
      this.lingerTimer = setTimeout(() => {
        this.lingerExpired = true;
        this.pump();
      }, BATCH_LINGER_MS);
    }
    this.iterator.next().then(
      (result) => {
        this.pulling = false;
        clearTimeout(this.lingerTimer);
        this.lingerExpired = false;
        if (result.done) this.inputDone = true;
        else this.accept(result.value);
        this.pump();
        this.wake();
      },
      (error: unknown) => {
        this.pulling = false;
        this.fail(error);
      },
    );
  }

  private accept(inputs: Array<InferenceInput<T>>): void {
    if (inputs.length === 0) return;
    this.windowRows += inputs.length;
    const rows = this.pending.length > 0 ? this.pending.concat(inputs) : inputs;
    const { batchSize } = this.options;
    let offset = 0;
    for (; offset + batchSize <= rows.length; offset += batchSize) this.enqueue(rows.slice(offset, offset + batchSize));
    this.pending = offset < rows.length ? rows.slice(offset) : [];
  }

  /** A partial tail goes when no more rows can come soon: input done, window full, linger over. */
  private cutTail(): void {
    if (this.pending.length === 0) return;
    if (this.inputDone || this.windowRows >= this.window || this.lingerExpired) {
      this.enqueue(this.pending);
      this.pending = [];
    }
  }

  private enqueue(inputs: Array<InferenceInput<T>>): void {
    this.ready.push({ seq: this.nextSeq++, inputs, firstRow: this.rowsCut + 1 });
    this.rowsCut += inputs.length;
  }

  private dispatch(batch: Batch<T>): void {
    this.inFlight += 1;
    const rows = batch.inputs.map((input) => input.values);
    this.options.runBatch(rows, { firstRow: batch.firstRow, rows: rows.length }, this.abort.signal).then(
      (outputs) => {
        this.inFlight -= 1;
        this.completed.set(
          batch.seq,
          batch.inputs.map((input, index) => ({ tag: input.tag, output: outputs[index] as Row })),
        );
        if (!this.options.ordered) this.completedOrder.push(batch.seq);
        this.pump();
        this.wake();
      },
      (error: unknown) => {
        this.inFlight -= 1;
        this.fail(error);
      },
    );
  }

  private take(): Array<InferenceOutput<T>> {
    const outputs: Array<InferenceOutput<T>> = [];
    if (this.options.ordered) {
      for (let batch = this.completed.get(this.nextYieldSeq); batch; batch = this.completed.get(this.nextYieldSeq)) {
        this.completed.delete(this.nextYieldSeq);
        this.nextYieldSeq += 1;
        for (const output of batch) outputs.push(output);
      }
    } else {
      for (const seq of this.completedOrder) {
        for (const output of this.completed.get(seq) ?? []) outputs.push(output);
        this.completed.delete(seq);
      }
      this.completedOrder.length = 0;
    }
    return outputs;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.cancel();
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
