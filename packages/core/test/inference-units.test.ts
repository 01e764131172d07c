import { describe, expect, it } from 'vitest';
import { AutoExecutor } from '../src/inference/inference-auto-executor.js';
import type { TaskExecutor } from '../src/inference/inference-executor.js';
import type { InferenceTask, TaskOutcome } from '../src/inference/inference-task.js';
import { fromPlainTaskError, toPlainTaskError } from '../src/inference/inference-task-error.js';
import { modelKey } from '../src/inference/inference-model-key.js';
import { estimateRowTokens, estimateTokens } from '../src/inference/inference-token-estimator.js';
import { effectiveBatchSize, effectiveParallelism } from '../src/inference/inference-session.js';
import { DEFAULT_INVOCATION_CONFIG } from '../src/inference/inference-runtime.js';
import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { echoModel } from './inference-fixture-server.js';

function recordingExecutor(kind: 'in-process' | 'pool', cpuMs: number) {
  const ran: string[] = [];
  const executor: TaskExecutor = {
    kind,
    async run(task: InferenceTask): Promise<TaskOutcome> {
      ran.push(String(task.rows[0]?.[0]));
      return { ok: true, rows: task.rows, status: 200, usage: { estimated: true }, rateLimitHeaders: {}, durationMs: cpuMs, cpuMs };
    },
    cancelSession() {},
    async close() {},
  };
  return { executor, ran };
}

function task(text: string, moduleUrl?: string): InferenceTask {
  return { sessionId: 's', model: echoModel('http://127.0.0.1:1'), modelKey: 'k', moduleUrl, rows: [[text]], attempt: 0, timeoutMs: 1000, carrier: {}, preciseTokens: false };
}

describe('auto executor', () => {
  it('keeps cheap requests in process', async () => {
    const inProcess = recordingExecutor('in-process', 0.5);
    const pool = recordingExecutor('pool', 0.5);
    const auto = new AutoExecutor(inProcess.executor, pool.executor, { sampleRequests: 2, poolCpuMs: 4 });
    const signal = new AbortController().signal;
    for (const text of ['a', 'b', 'c', 'd']) await auto.run(task(text, 'file:///provider.js'), signal);
    expect(inProcess.ran).toEqual(['a', 'b', 'c', 'd']);
    expect(pool.ran).toEqual([]);
  });

  it('moves a model whose requests cost the main thread real CPU to the pool after measuring it', async () => {
    const inProcess = recordingExecutor('in-process', 20);
    const pool = recordingExecutor('pool', 20);
    const auto = new AutoExecutor(inProcess.executor, pool.executor, { sampleRequests: 2, poolCpuMs: 4 });
    const signal = new AbortController().signal;
    for (const text of ['a', 'b', 'c', 'd']) await auto.run(task(text, 'file:///provider.js'), signal);
    expect(inProcess.ran).toEqual(['a', 'b']);
    expect(pool.ran).toEqual(['c', 'd']);
  });

  it('decides from the median, so one request slowed by a busy machine does not move a cheap model', async () => {
    const costs = [1, 1, 50, 1, 1];
    const ran: string[] = [];
    const inProcess: TaskExecutor = {
      kind: 'in-process',
      async run(task: InferenceTask): Promise<TaskOutcome> {
        const cpuMs = costs[ran.length] ?? 1;
        ran.push(String(task.rows[0]?.[0]));
        return { ok: true, rows: task.rows, status: 200, usage: { estimated: true }, rateLimitHeaders: {}, durationMs: cpuMs, cpuMs };
      },
      cancelSession() {},
      async close() {},
    };
    const pool = recordingExecutor('pool', 1);
    const auto = new AutoExecutor(inProcess, pool.executor, { sampleRequests: 5, poolCpuMs: 4 });
    const signal = new AbortController().signal;
    for (const text of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) await auto.run(task(text, 'file:///provider.js'), signal);
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(pool.ran).toEqual([]);
  });

  it('keeps providers without a module URL in process', async () => {
    const inProcess = recordingExecutor('in-process', 20);
    const pool = recordingExecutor('pool', 20);
    const auto = new AutoExecutor(inProcess.executor, pool.executor, { sampleRequests: 0, poolCpuMs: 0 });
    await auto.run(task('a'), new AbortController().signal);
    await auto.run(task('b'), new AbortController().signal);
    expect(inProcess.ran).toEqual(['a', 'b']);
  });
});

describe('errors as plain data', () => {
  it('rebuilds a ProviderCallError with every field', () => {
    const original = new ProviderCallError({
      code: 'LATERAL_ERR_PROVIDER_HTTP',
      message: 'openai: received bad response code 429',
      providerId: 'openai',
      status: 429,
      maskedBody: '{"error":{}}',
      retryable: true,
      retryAfterMs: 1200,
      providerCode: 'rate_limit_exceeded',
    });
    const plain = structuredClone(toPlainTaskError(original, [], false));
    const rebuilt = fromPlainTaskError(plain);
    expect(rebuilt).toBeInstanceOf(ProviderCallError);
    expect(rebuilt).toMatchObject({ code: original.code, message: original.message, status: 429, retryable: true, retryAfterMs: 1200, providerCode: 'rate_limit_exceeded', maskedBody: '{"error":{}}' });
  });

  it('keeps LateralError codes and drops details that cannot be cloned', () => {
    const original = new LateralError({ code: 'LATERAL_ERR_FORMAT_UNKNOWN', message: 'no format', details: { fn: () => 1, n: 2 } });
    const rebuilt = fromPlainTaskError(structuredClone(toPlainTaskError(original, [], false)));
    expect(rebuilt.code).toBe('LATERAL_ERR_FORMAT_UNKNOWN');
    expect(rebuilt.details).toEqual({ n: 2 });
  });

  it('masks foreign errors as internal ones', () => {
    const plain = toPlainTaskError(new TypeError('cannot read sk-secret-value of undefined'), ['sk-secret-value'], false);
    const rebuilt = fromPlainTaskError(plain);
    expect(rebuilt.code).toBe('LATERAL_ERR_INTERNAL');
    expect(rebuilt.message).not.toContain('sk-secret-value');
    expect(rebuilt.message).toContain('TypeError');
  });

  it('reports an aborted attempt as LATERAL_ERR_ABORTED', () => {
    expect(fromPlainTaskError(toPlainTaskError(new Error('x'), [], true)).code).toBe('LATERAL_ERR_ABORTED');
  });
});

describe('model keys', () => {
  it('do not depend on key order and change with any field', () => {
    const model = echoModel('http://127.0.0.1:1');
    const reordered = Object.fromEntries(Object.entries(model).reverse()) as typeof model;
    expect(modelKey(reordered)).toBe(modelKey(model));
    expect(modelKey({ ...model, version: 2 })).not.toBe(modelKey(model));
    expect(modelKey(model)).not.toContain('sk-');
  });
});

describe('token estimates', () => {
  it('count cl100k tokens precisely', async () => {
    expect(await estimateTokens(['hello world'], true)).toBe(2);
    expect(await estimateTokens(['<|endoftext|> is plain text here'], true)).toBeGreaterThan(1);
    expect(await estimateRowTokens([['hello world', 3, ['hello world']]], true)).toBe(4);
  });
});

describe('effective settings', () => {
  it('use max_parallelism only when async is enabled', () => {
    expect(effectiveParallelism({ ...DEFAULT_INVOCATION_CONFIG, maxParallelism: 7 })).toBe(7);
    expect(effectiveParallelism({ ...DEFAULT_INVOCATION_CONFIG, maxParallelism: 7, asyncEnabled: false })).toBe(1);
  });

  it('cap rows per request by max_batch_size (the MAP over the model option)', () => {
    expect(effectiveBatchSize(DEFAULT_INVOCATION_CONFIG, 96)).toBe(96);
    expect(effectiveBatchSize({ ...DEFAULT_INVOCATION_CONFIG, maxBatchSize: 10 }, 96)).toBe(10);
    expect(effectiveBatchSize({ ...DEFAULT_INVOCATION_CONFIG, maxBatchSize: 500 }, 96)).toBe(96);
    const model = { ...echoModel('http://127.0.0.1:1'), providerOptions: { max_batch_size: '8' } };
    expect(effectiveBatchSize(DEFAULT_INVOCATION_CONFIG, 96, model)).toBe(8);
    expect(effectiveBatchSize({ ...DEFAULT_INVOCATION_CONFIG, maxBatchSize: 20 }, 96, model)).toBe(20);
  });

  it('send one row per request for a format that batches on request, unless max_batch_size asks for more', () => {
    expect(effectiveBatchSize(DEFAULT_INVOCATION_CONFIG, 100, undefined, true)).toBe(1);
    expect(effectiveBatchSize({ ...DEFAULT_INVOCATION_CONFIG, maxBatchSize: 10 }, 100, undefined, true)).toBe(10);
    expect(effectiveBatchSize({ ...DEFAULT_INVOCATION_CONFIG, maxBatchSize: 500 }, 100, undefined, true)).toBe(100);
    const model = { ...echoModel('http://127.0.0.1:1'), providerOptions: { max_batch_size: '8' } };
    expect(effectiveBatchSize(DEFAULT_INVOCATION_CONFIG, 100, model, true)).toBe(8);
  });
});
