import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createInferenceRuntime, type ObservableInferenceRuntime } from '../src/inference/inference-runtime-factory.js';
import type { BackoffOptions } from '../src/inference/inference-backoff.js';
import { DEFAULT_INVOCATION_CONFIG, type InvocationConfig } from '../src/inference/inference-runtime.js';
import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { PluginRegistry } from '../src/registry/plugin-registry.js';
import { plugin } from './inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake, TEST_API_KEY, type EchoFake } from './inference-fixture-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function setup(
  options: Parameters<typeof startEchoFake>[0] = {},
  backoff: BackoffOptions = {},
): Promise<{ fake: EchoFake; runtime: ObservableInferenceRuntime }> {
  const fake = await startEchoFake(options);
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  const dispatcher = new Agent({ connections: 64 });
  const runtime = createInferenceRuntime({ registry, mode: 'in-process', dispatcher, backoff: { baseMs: 5, capMs: 20, ...backoff } });
  cleanups.push(async () => {
    await runtime.close();
    await dispatcher.close();
    await fake.close();
  });
  return { fake, runtime };
}

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

describe('inference runtime (in process)', () => {
  it('keeps input order with randomised server latency', async () => {
    const { fake, runtime } = await setup({ latencyMs: () => Math.floor(Math.random() * 15) });
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 8 }));
    const outputs = await collect(session.process(inputBatches(60, 7)));
    expect(outputs.map((output) => output.tag)).toEqual([...Array(60).keys()]);
    expect(outputs.map((output) => output.output[0])).toEqual([...Array(60).keys()].map((index) => `echo:row-${index}`));
    expect(fake.arrivals).toHaveLength(60);
  });

  it('with ordered=false yields every row exactly once, in completion order', async () => {
    const { fake, runtime } = await setup({ latencyMs: (inputs) => (inputs[0] === 'row-0' ? 150 : 0) });
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 4, ordered: false }));
    const outputs = await collect(session.process(inputBatches(12, 12)));
    expect(outputs.map((output) => output.tag).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(outputs[0]?.tag).not.toBe(0);
    for (const output of outputs) expect(output.output).toEqual([`echo:row-${output.tag}`]);
  });

  it('batches rows up to the format limit and maps results back by position', async () => {
    const { fake, runtime } = await setup();
    const model = echoModel(fake.url, { params: { max_rows: 4 } });
    const outputs = await collect(runtime.openSession(model, config()).process(inputBatches(10, 10)));
    expect(fake.arrivals.map((arrival) => arrival.inputs.length)).toEqual([4, 4, 2]);
    expect(fake.arrivals.flatMap((arrival) => arrival.inputs)).toEqual([...Array(10).keys()].map((index) => `row-${index}`));
    expect(outputs.map((output) => [output.tag, output.output[0]])).toEqual([...Array(10).keys()].map((index) => [index, `echo:row-${index}`]));
  });

  it('caps a batch at max_batch_size and merges small input batches', async () => {
    const { fake, runtime } = await setup();
    const model = echoModel(fake.url, { params: { max_rows: 100 } });
    const outputs = await collect(runtime.openSession(model, config({ maxBatchSize: 3 })).process(inputBatches(10, 1)));
    expect(Math.max(...fake.arrivals.map((arrival) => arrival.inputs.length))).toBeLessThanOrEqual(3);
    expect(fake.arrivals.filter((arrival) => arrival.inputs.length > 1).length).toBeGreaterThan(0);
    expect(outputs.map((output) => output.output[0])).toEqual([...Array(10).keys()].map((index) => `echo:row-${index}`));
  });

  it('fails on a non-retryable error, naming the row, without the key or the row text', async () => {
    const { fake, runtime } = await setup({
      script: (inputs) =>
        inputs.includes('row-6') ? { status: 400, body: { error: { message: `bad input ${inputs[0]}`, code: 'invalid_request' } } } : undefined,
    });
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 2 }));
    const error = await failureOf(collect(session.process(inputBatches(20, 5))));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(error).toBeInstanceOf(ProviderCallError);
    expect((error as ProviderCallError).status).toBe(400);
    expect((error as ProviderCallError).retryable).toBe(false);
    expect(error.message).toContain('input row 7');
    expect(error.message).toContain("model 'echo_model'");
    expect(error.message).not.toContain('row-6');
    expect(error.message).not.toContain(TEST_API_KEY);
    expect(error.details).toMatchObject({ row: 7 });
    expect(fake.arrivals.filter((arrival) => arrival.inputs.includes('row-6'))).toHaveLength(1);
  });

  it('names the first row of a failing batch', async () => {
    const { fake, runtime } = await setup({
      script: (inputs) => (inputs.includes('row-6') ? { status: 422, body: { error: { message: 'nope' } } } : undefined),
    });
    const model = echoModel(fake.url, { params: { max_rows: 4 } });
    const error = await failureOf(collect(runtime.openSession(model, config()).process(inputBatches(10, 10))));
    expect(error.message).toContain('input rows 5-8');
    expect(error.details).toMatchObject({ row: 5, batchRows: 4 });
  });

  it('honours retry-after: the retry arrives no earlier than the hint', async () => {
    const { fake, runtime } = await setup({
      script: (_inputs, arrival) =>
        arrival === 1 ? { status: 429, headers: { 'retry-after-ms': '300' }, body: { error: { message: 'slow down', code: 'rate_limit_exceeded' } } } : undefined,
    });
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config({ maxParallelism: 1 })).process(inputBatches(1, 1)));
    expect(outputs).toEqual([{ tag: 0, output: ['echo:row-0'] }]);
    expect(fake.arrivals).toHaveLength(2);
    const [first, second] = fake.arrivals;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(300);
    expect(runtime.stats).toMatchObject({ http429: 1, retries: 1, requests: 2, errors: 1, rowsDone: 1 });
  });

  it('never duplicates or loses a row when 5% of requests fail retryably', async () => {
    const seen = new Set<string>();
    const { fake, runtime } = await setup({
      script: (inputs, arrival) => {
        const key = inputs.join('|');
        // The first attempt of every 20th request fails (alternately 500 and 429).
        if (arrival % 20 === 0 && !seen.has(key)) {
          seen.add(key);
          return arrival % 40 === 0 ? { status: 500, body: { error: { message: 'oops' } } } : { status: 429, headers: { 'retry-after-ms': '1' } };
        }
        return undefined;
      },
    });
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 10 }));
    const outputs = await collect(session.process(inputBatches(200, 13)));
    expect(outputs.map((output) => output.tag)).toEqual([...Array(200).keys()]);
    expect(new Set(outputs.map((output) => output.output[0])).size).toBe(200);
    expect(seen.size).toBe(10);
    expect(fake.arrivals).toHaveLength(210);
    expect(runtime.stats.retries).toBe(10);
  });

  it('gives up after retry_count retries with LATERAL_ERR_RETRIES_EXHAUSTED', async () => {
    const { fake, runtime } = await setup({ script: () => ({ status: 503, body: { error: { message: 'overloaded' } } }) });
    const error = await failureOf(collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 2 })).process(inputBatches(1, 1))));
    expect(error.code).toBe('LATERAL_ERR_RETRIES_EXHAUSTED');
    expect(error.message).toContain('3 attempts');
    expect(fake.arrivals).toHaveLength(3);
  });

  it('retries 429s past retry_count: they pace, they do not fail the row', async () => {
    let refusals = 0;
    const { fake, runtime } = await setup({
      script: () => (refusals++ < 5 ? { status: 429, headers: { 'retry-after-ms': '1' }, body: { error: { message: 'slow down' } } } : undefined),
    });
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 2 })).process(inputBatches(1, 1)));
    expect(outputs.map((output) => output.tag)).toEqual([0]);
    expect(fake.arrivals).toHaveLength(6);
  });

  it('does not retry 429s at all when retry_count is 0', async () => {
    const { fake, runtime } = await setup({ script: () => ({ status: 429, headers: { 'retry-after-ms': '1' } }) });
    const error = await failureOf(collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 0 })).process(inputBatches(1, 1))));
    expect(error.code).toBe('LATERAL_ERR_RETRIES_EXHAUSTED');
    expect(fake.arrivals).toHaveLength(1);
  });

  it('waits out a 429 whose retry-after is longer than client_timeout: the timeout bounds one call, not the wait', async () => {
    let refusals = 0;
    const { fake, runtime } = await setup({ script: () => (refusals++ < 1 ? { status: 429, headers: { 'retry-after': '2' } } : undefined) });
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 3, clientTimeoutMs: 500 })).process(inputBatches(1, 1)));
    expect(outputs.map((output) => output.tag)).toEqual([0]);
    expect(fake.arrivals).toHaveLength(2);
    expect(fake.arrivals[1]!.at - fake.arrivals[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it('gives up on 429s only once no request to the endpoint has succeeded for the rate-limit patience', async () => {
    const { fake, runtime } = await setup({ script: () => ({ status: 429, headers: { 'retry-after-ms': '20' } }) }, { rateLimitPatienceMs: 1500 });
    const error = await failureOf(collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 2 })).process(inputBatches(1, 1))));
    expect(error.code).toBe('LATERAL_ERR_RETRIES_EXHAUSTED');
    expect(error.message).toMatch(/still rate-limited after \d+ attempts: no request to this endpoint succeeded/);
    // retry_count (2) did not bound the 429s: the patience did.
    expect(fake.arrivals.length).toBeGreaterThan(3);
  });

  it('bounds each attempt by client_timeout and retries a timed-out call up to retry_count', async () => {
    const { fake, runtime } = await setup({ latencyMs: () => 400 });
    const error = await failureOf(
      collect(runtime.openSession(echoModel(fake.url), config({ retryCount: 1, clientTimeoutMs: 100 })).process(inputBatches(1, 1))),
    );
    expect(error.code).toBe('LATERAL_ERR_RETRIES_EXHAUSTED');
    expect(error.message).toContain('2 attempts');
    expect(fake.arrivals).toHaveLength(2);
  });

  it('keeps at most max_parallelism requests in flight', async () => {
    const { fake, runtime } = await setup({ latencyMs: () => 10 });
    await collect(runtime.openSession(echoModel(fake.url), config({ maxParallelism: 3 })).process(inputBatches(30, 30)));
    expect(fake.maxInFlight).toBeLessThanOrEqual(3);
    expect(fake.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it('sends one request at a time when async_enabled is false', async () => {
    const { fake, runtime } = await setup({ latencyMs: () => 5 });
    await collect(runtime.openSession(echoModel(fake.url), config({ asyncEnabled: false, maxParallelism: 10 })).process(inputBatches(12, 12)));
    expect(fake.maxInFlight).toBe(1);
  });

  it('stops sending requests once aborted', async () => {
    const abort = new AbortController();
    let arrivalsAtAbort = 0;
    const { fake, runtime } = await setup({
      latencyMs: () => 20,
      script: (_inputs, arrival) => {
        if (arrival === 5) {
          arrivalsAtAbort = arrival;
          abort.abort();
        }
        return undefined;
      },
    });
    const session = runtime.openSession(echoModel(fake.url), config({ asyncEnabled: false }), abort.signal);
    const error = await failureOf(collect(session.process(inputBatches(100, 10))));
    expect(error.code).toBe('LATERAL_ERR_ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(arrivalsAtAbort).toBe(5);
    expect(fake.arrivals).toHaveLength(5);
  });

  it('stops pulling input and sending requests when the consumer stops early', async () => {
    const { fake, runtime } = await setup({ latencyMs: () => 5 });
    let upstreamClosed = false;
    async function* source() {
      try {
        yield* inputBatches(1000, 1);
      } finally {
        upstreamClosed = true;
      }
    }
    const session = runtime.openSession(echoModel(fake.url), config({ asyncEnabled: false }));
    for await (const outputs of session.process(source())) {
      expect(outputs[0]?.tag).toBe(0);
      break;
    }
    const sent = fake.arrivals.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(upstreamClosed).toBe(true);
    expect(fake.arrivals.length).toBeLessThanOrEqual(sent + 1);
    expect(fake.arrivals.length).toBeLessThan(10);
  });

  it('pulls no further than the in-flight window while requests are pending', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { fake, runtime } = await setup({ hold: () => held });
    let pulled = 0;
    async function* source() {
      for (let index = 0; index < 3000; index += 1) {
        pulled += 1;
        yield [{ tag: index, values: [`row-${index}`] }];
      }
    }
    const session = runtime.openSession(echoModel(fake.url), config({ maxParallelism: 2 }));
    const run = collect(session.process(source()));
    while (fake.arrivals.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // window = max(1024, max_parallelism x batch size x 2) rows, plus the one batch being pulled.
    expect(pulled).toBeLessThanOrEqual(1025);
    expect(fake.arrivals).toHaveLength(2);
    release();
    const outputs = await run;
    expect(outputs).toHaveLength(3000);
  });

  it('sends requests within a declared requests-per-minute: a small token bucket never says 429', async () => {
    // Capacity 3, not 2: two start timers that a busy machine fires late together must not look
    // like a burst (the pacing keeps the planned timeline; the test must not measure timer lateness).
    const bucket = smallTokenBucket(1200, 3);
    const { fake, runtime } = await setup({
      script: () => (bucket.take() ? undefined : { status: 429, headers: { 'retry-after-ms': '50' } }),
    });
    const model = echoModel(fake.url, {
      connection: { name: 'c', type: 'testecho', endpoint: `${fake.url}/v1/echo`, options: { 'requests-per-minute': '1200' }, secrets: { 'api-key': TEST_API_KEY } },
    });
    const outputs = await collect(runtime.openSession(model, config({ maxParallelism: 10 })).process(inputBatches(20, 20)));
    expect(outputs).toHaveLength(20);
    expect(bucket.rejected).toBe(0);
    expect(fake.arrivals).toHaveLength(20);
  });

  it('without a declared rate, the same bucket refuses unpaced requests (the test above can fail)', async () => {
    const bucket = smallTokenBucket(1200, 3);
    const { fake, runtime } = await setup({
      script: () => (bucket.take() ? undefined : { status: 429, headers: { 'retry-after-ms': '50' } }),
    });
    const outputs = await collect(runtime.openSession(echoModel(fake.url), config({ maxParallelism: 10 })).process(inputBatches(20, 20)));
    expect(outputs).toHaveLength(20);
    expect(bucket.rejected).toBeGreaterThan(0);
  });

  it('reports an unknown provider when the session opens', async () => {
    const { fake, runtime } = await setup();
    expect(() => runtime.openSession(echoModel(fake.url, { providerId: 'nope' }), config())).toThrow(/Provider 'nope'/);
  });
});

/** A request token bucket of `capacity`, refilled continuously at `perMinute`. */
function smallTokenBucket(perMinute: number, capacity: number) {
  let tokens = capacity;
  let last = Date.now();
  let rejected = 0;
  return {
    take(): boolean {
      const now = Date.now();
      tokens = Math.min(capacity, tokens + ((now - last) * perMinute) / 60_000);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      rejected += 1;
      return false;
    },
    get rejected() {
      return rejected;
    },
  };
}
