import { describe, expect, it } from 'vitest';
import { InferencePipeline, type PipelineOptions } from '../src/inference/inference-pipeline.js';
import type { Row } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { inputBatches } from './inference-fixture-server.js';

/** A batch runner whose completions the test controls: nothing here depends on timing. */
function controlledRunner() {
  const calls: Array<{ rows: Row[]; firstRow: number; resolve(): void; reject(error: unknown): void }> = [];
  const runBatch: PipelineOptions['runBatch'] = (rows, position) =>
    new Promise<Row[]>((resolve, reject) => {
      calls.push({ rows, firstRow: position.firstRow, resolve: () => resolve(rows.map((row) => [`out:${String(row[0])}`])), reject });
    });
  return { calls, runBatch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function options(overrides: Partial<PipelineOptions>): PipelineOptions {
  return { batchSize: 1, maxParallelism: 2, ordered: true, signal: new AbortController().signal, runBatch: async (rows) => rows, ...overrides };
}

describe('inference pipeline', () => {
  it('yields in input order even when later batches finish first', async () => {
    const runner = controlledRunner();
    const pipeline = new InferencePipeline(inputBatches(3, 3), options({ maxParallelism: 3, runBatch: runner.runBatch }));
    const first = pipeline.next();
    await settle();
    expect(runner.calls.map((call) => call.firstRow)).toEqual([1, 2, 3]);
    runner.calls[2]?.resolve();
    runner.calls[1]?.resolve();
    await settle();
    runner.calls[0]?.resolve();
    expect((await first)?.map((output) => output.tag)).toEqual([0, 1, 2]);
    expect(await pipeline.next()).toBeUndefined();
  });

  it('with ordered=false yields a batch as soon as it is done', async () => {
    const runner = controlledRunner();
    const pipeline = new InferencePipeline(inputBatches(2, 2), options({ ordered: false, runBatch: runner.runBatch }));
    const first = pipeline.next();
    await settle();
    runner.calls[1]?.resolve();
    expect((await first)?.map((output) => output.tag)).toEqual([1]);
    runner.calls[0]?.resolve();
    expect((await pipeline.next())?.map((output) => output.tag)).toEqual([0]);
  });

  it('refills the in-flight slots as batches complete, up to max_parallelism', async () => {
    const runner = controlledRunner();
    const pipeline = new InferencePipeline(inputBatches(5, 5), options({ maxParallelism: 2, runBatch: runner.runBatch }));
    const first = pipeline.next();
    await settle();
    expect(runner.calls).toHaveLength(2);
    runner.calls[0]?.resolve();
    await first;
    await settle();
    expect(runner.calls).toHaveLength(3);
  });

  it('pulls at most the window (max_parallelism x batch size x 2, at least 1024 rows) ahead of what was handed out', async () => {
    async function pulledAhead(batchSize: number, maxParallelism: number): Promise<number> {
      const runner = controlledRunner();
      let pulled = 0;
      async function* source() {
        for (let index = 0; index < 100_000; index += 1) {
          pulled += 1;
          yield [{ tag: index, values: [index] }];
        }
      }
      const pipeline = new InferencePipeline(source(), options({ batchSize, maxParallelism, runBatch: runner.runBatch }));
      pipeline.next().catch(() => undefined);
      await settle();
      expect(runner.calls).toHaveLength(maxParallelism);
      pipeline.close();
      return pulled;
    }
    expect(await pulledAhead(2, 2)).toBe(1024);
    expect(await pulledAhead(100, 8)).toBe(1600);
  });

  it('cuts full batches and sends a partial tail at the end of the input', async () => {
    const runner = controlledRunner();
    const pipeline = new InferencePipeline(inputBatches(7, 3), options({ batchSize: 4, maxParallelism: 4, runBatch: runner.runBatch }));
    const result = pipeline.next();
    await settle();
    expect(runner.calls.map((call) => call.rows.length)).toEqual([4, 3]);
    expect(runner.calls.map((call) => call.firstRow)).toEqual([1, 5]);
    runner.calls.forEach((call) => call.resolve());
    expect((await result)?.map((output) => output.output[0])).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => `out:row-${index}`));
  });

  it('sends a partial tail after a short linger when the input is slow', async () => {
    const runner = controlledRunner();
    let release: () => void = () => undefined;
    async function* source() {
      yield [{ tag: 0, values: ['a'] }];
      await new Promise<void>((resolve) => (release = resolve));
      yield [{ tag: 1, values: ['b'] }];
    }
    const pipeline = new InferencePipeline(source(), options({ batchSize: 4, runBatch: runner.runBatch }));
    pipeline.next().catch(() => undefined);
    await settle();
    expect(runner.calls.map((call) => call.rows)).toEqual([[['a']]]);
    release();
    pipeline.close();
  });

  it('throws the first failure and cancels the rest', async () => {
    const runner = controlledRunner();
    let cancelled = 0;
    const pipeline = new InferencePipeline(inputBatches(4, 4), options({ runBatch: runner.runBatch, onCancel: () => (cancelled += 1) }));
    const first = pipeline.next();
    await settle();
    runner.calls[1]?.reject(new LateralError({ code: 'LATERAL_ERR_PROVIDER_HTTP', message: 'bad row' }));
    await expect(first).rejects.toThrow('bad row');
    expect(cancelled).toBe(1);
    pipeline.close();
    expect(cancelled).toBe(1);
  });

  it('throws LATERAL_ERR_ABORTED when the statement is cancelled', async () => {
    const runner = controlledRunner();
    const abort = new AbortController();
    const pipeline = new InferencePipeline(inputBatches(4, 4), options({ runBatch: runner.runBatch, signal: abort.signal }));
    const first = pipeline.next();
    await settle();
    abort.abort();
    await expect(first).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED' });
  });

  it('closes the input when closed early', async () => {
    let closed = false;
    async function* source() {
      try {
        yield* inputBatches(100, 1);
      } finally {
        closed = true;
      }
    }
    const pipeline = new InferencePipeline(source(), options({}));
    expect(await pipeline.next()).toBeDefined();
    pipeline.close();
    await settle();
    expect(closed).toBe(true);
  });
});
