import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceRuntime, type ObservableInferenceRuntime } from '../src/inference/inference-runtime-factory.js';
import { DEFAULT_INVOCATION_CONFIG, type InvocationConfig } from '../src/inference/inference-runtime.js';
import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { PluginRegistry } from '../src/registry/plugin-registry.js';
import { CRASH_EXIT, CRASH_THROW, plugin, TEST_PROVIDER_ID } from './inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake, TEST_API_KEY, type EchoFake } from './inference-fixture-server.js';

/** Workers import the fixture provider by file URL (through tsx under vitest). */
const FIXTURE_URL = new URL('./inference-fixture-provider.ts', import.meta.url).href;

let fake: EchoFake;
let runtime: ObservableInferenceRuntime;
let abortAt: { arrival: number; controller: AbortController } | undefined;

beforeAll(async () => {
  fake = await startEchoFake({
    latencyMs: (inputs) => (inputs.some((input) => input.startsWith('slow')) ? 20 : Math.floor(Math.random() * 8)),
    script: (inputs, arrival) => {
      if (abortAt && arrival === abortAt.arrival) abortAt.controller.abort();
      if (inputs.includes('bad')) return { status: 400, body: { error: { message: 'the input is bad', code: 'invalid_request' } } };
      return undefined;
    },
  });
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  runtime = createInferenceRuntime({
    registry,
    mode: 'pool',
    poolSize: 2,
    concurrentTasksPerWorker: 8,
    moduleUrlFor: (providerId) => (providerId === TEST_PROVIDER_ID ? FIXTURE_URL : undefined),
    backoff: { baseMs: 5, capMs: 20 },
  });
});

afterAll(async () => {
  await runtime?.close();
  await fake?.close();
});

function config(overrides: Partial<InvocationConfig> = {}): InvocationConfig {
  return { ...DEFAULT_INVOCATION_CONFIG, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<LateralError> {
  try {
    await promise;
  } catch (error) {
    if (LateralError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the run to fail');
}

describe('inference runtime (worker pool)', () => {
  it('runs requests in workers and keeps input order', async () => {
    const before = fake.arrivals.length;
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config({ maxParallelism: 8 })).process(inputBatches(40, 6)));
    expect(outputs.map((output) => output.tag)).toEqual([...Array(40).keys()]);
    expect(outputs.map((output) => output.output[0])).toEqual([...Array(40).keys()].map((index) => `echo:row-${index}`));
    expect(fake.arrivals.length - before).toBe(40);
  });

  it('maps batches back to their rows in workers', async () => {
    const model = echoModel(fake.url, { params: { max_rows: 4 } });
    const outputs = await collect(runtime.openSession(model, config()).process(inputBatches(10, 10)));
    expect(outputs.map((output) => output.output[0])).toEqual([...Array(10).keys()].map((index) => `echo:row-${index}`));
  });

  it('rebuilds a provider error sent back as plain data', async () => {
    const error = await failureOf(
      collect(runtime.openSession(echoModel(fake.url), config()).process(inputBatches(3, 3, (index) => (index === 1 ? 'bad' : `row-${index}`)))),
    );
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect((error as ProviderCallError).status).toBe(400);
    expect((error as ProviderCallError).providerCode).toBe('invalid_request');
    expect(error.message).toContain('input row 2');
    expect(error.message).not.toContain(TEST_API_KEY);
  });

  it('fails the statement cleanly when a worker exits', async () => {
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 4 }));
    const error = await failureOf(collect(session.process(inputBatches(6, 6, (index) => (index === 3 ? CRASH_EXIT : `slow-${index}`)))));
    expect(error.code).toBe('LATERAL_ERR_WORKER_CRASHED');
    expect(error.message).toContain('input row');
  });

  it('fails the statement cleanly when provider code throws in a worker timer', async () => {
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 4 }));
    const error = await failureOf(collect(session.process(inputBatches(6, 6, (index) => (index === 2 ? CRASH_THROW : `slow-${index}`)))));
    expect(error.code).toBe('LATERAL_ERR_WORKER_CRASHED');
    expect(error.message).toContain('provider code threw in a timer');
  });

  it('keeps working after a crash (the pool replaces the worker)', async () => {
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config()).process(inputBatches(8, 8)));
    expect(outputs).toHaveLength(8);
  });

  it('stops sending requests once aborted', async () => {
    const controller = new AbortController();
    const start = fake.arrivals.length;
    abortAt = { arrival: start + 4, controller };
    const session = runtime.openSession(echoModel(fake.url), config({ asyncEnabled: false }), controller.signal);
    const error = await failureOf(collect(session.process(inputBatches(50, 5, (index) => `slow-${index}`))));
    expect(error.code).toBe('LATERAL_ERR_ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.arrivals.length - start).toBe(4);
    abortAt = undefined;
  });

  it('counts rows and requests in the runtime stats', () => {
    const stats = runtime.stats;
    expect(stats.rowsDone).toBeGreaterThanOrEqual(58);
    expect(stats.requests).toBeGreaterThanOrEqual(stats.rowsDone / 4);
    expect(stats.inFlight).toBe(0);
  });
});
