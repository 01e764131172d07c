import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  builtinConnectorsPlugin,
  builtinTasksPlugin,
  createInferenceRuntime,
  Engine,
  DEFAULT_INVOCATION_CONFIG,
  PluginRegistry,
  SPAN_ATTRIBUTES,
  withStatementSpan,
  type ObservableInferenceRuntime,
} from '@lateral/core';
import { AsyncLocalContextManager } from '../../packages/core/src/telemetry/telemetry-async-context.js';
import { plugin, TEST_PROVIDER_ID } from '../../packages/core/test/inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake, TEST_API_KEY, type EchoFake } from '../../packages/core/test/inference-fixture-server.js';

const FIXTURE_URL = new URL('../../packages/core/test/inference-fixture-provider.ts', import.meta.url).href;
const QUERY_SECRET = 'QUERYKEY-9f8e7d6c';
const exporter = new InMemorySpanExporter();
let fake: EchoFake;
let rateLimitNext = false;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalContextManager());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  fake = await startEchoFake({
    script: () => {
      if (!rateLimitNext) return undefined;
      rateLimitNext = false;
      return { status: 429, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } } };
    },
  });
});

afterAll(async () => {
  await fake?.close();
  trace.disable();
  context.disable();
});

beforeEach(() => exporter.reset());

/** A model whose endpoint carries a key in its query string, as Google AI allows. */
function model() {
  const base = echoModel(fake.url);
  return { ...base, connection: { ...base.connection!, endpoint: `${fake.url}/v1/echo?key=${QUERY_SECRET}` } };
}

function runtimeFor(mode: 'in-process' | 'pool'): ObservableInferenceRuntime {
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  return createInferenceRuntime({
    registry,
    mode,
    poolSize: 1,
    moduleUrlFor: (providerId) => (providerId === TEST_PROVIDER_ID ? FIXTURE_URL : undefined),
    backoff: { baseMs: 5, capMs: 10 },
  });
}

function byName(spans: ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((span) => span.name === name);
}

describe.each(['in-process', 'pool'] as const)('inference telemetry (%s)', (mode) => {
  it('nests request spans under the operator and statement spans, with attributes and no secrets', async () => {
    const runtime = runtimeFor(mode);
    const before = fake.arrivals.length;
    rateLimitNext = true;
    try {
      const statement = `SELECT text, result FROM t, LATERAL TABLE(ML_PREDICT('echo_model', text)) /* ${TEST_API_KEY} */`;
      const outputs = await withStatementSpan(statement, async () =>
        collect(runtime.openSession(model(), { ...DEFAULT_INVOCATION_CONFIG, maxParallelism: 1 }).process(inputBatches(3, 3))),
      );
      expect(outputs).toHaveLength(3);
    } finally {
      await runtime.close();
    }

    const spans = exporter.getFinishedSpans();
    const [statement] = byName(spans, 'lateral.statement');
    const [operator] = byName(spans, 'lateral.operator.inference');
    const requests = byName(spans, 'lateral.request');
    expect(statement?.attributes[SPAN_ATTRIBUTES.statementKind]).toBe('SELECT');
    expect(statement?.attributes[SPAN_ATTRIBUTES.statementHash]).toMatch(/^[0-9a-f]{16}$/);
    expect(operator?.parentSpanContext?.spanId).toBe(statement?.spanContext().spanId);
    expect(operator?.attributes).toMatchObject({ [SPAN_ATTRIBUTES.rowsDone]: 3, [SPAN_ATTRIBUTES.executor]: mode });
    expect(requests).toHaveLength(4);
    for (const request of requests) {
      expect(request.parentSpanContext?.spanId).toBe(operator?.spanContext().spanId);
      expect(request.spanContext().traceId).toBe(statement?.spanContext().traceId);
      expect(request.attributes).toMatchObject({
        [SPAN_ATTRIBUTES.provider]: 'testecho',
        [SPAN_ATTRIBUTES.modelName]: 'echo_model',
        [SPAN_ATTRIBUTES.modelVersion]: 1,
        [SPAN_ATTRIBUTES.inputFormat]: 'TEST-ECHO',
        [SPAN_ATTRIBUTES.outputFormat]: 'TEST-ECHO',
        [SPAN_ATTRIBUTES.rows]: 1,
      });
      expect(typeof request.attributes[SPAN_ATTRIBUTES.queueWaitMs]).toBe('number');
    }
    const [limited, retried] = requests;
    expect(limited?.attributes).toMatchObject({
      [SPAN_ATTRIBUTES.httpStatus]: 429,
      [SPAN_ATTRIBUTES.attempt]: 0,
      [SPAN_ATTRIBUTES.retryAfterMs]: 10,
      [SPAN_ATTRIBUTES.errorCode]: 'LATERAL_ERR_PROVIDER_HTTP',
    });
    expect(retried?.attributes).toMatchObject({
      [SPAN_ATTRIBUTES.httpStatus]: 200,
      [SPAN_ATTRIBUTES.attempt]: 1,
      [SPAN_ATTRIBUTES.inputTokens]: 3,
      [SPAN_ATTRIBUTES.outputTokens]: 2,
      [SPAN_ATTRIBUTES.tokensEstimated]: false,
    });

    // The provider code ran inside the request span's context (in a worker: through the carrier).
    const arrivals = fake.arrivals.slice(before);
    expect(arrivals.map((arrival) => arrival.headers['x-test-parent-span'])).toEqual(requests.map((request) => request.spanContext().spanId));

    const everything = JSON.stringify(spans.map((span) => ({ attributes: span.attributes, events: span.events, status: span.status, name: span.name })));
    expect(everything).not.toContain(TEST_API_KEY);
    expect(everything).not.toContain(QUERY_SECRET);
    expect(everything).not.toContain('row-0');
    expect(everything).not.toContain('ML_PREDICT');
  });
});

describe('statement spans from the engine', () => {
  it('opens one lateral.statement span per statement, parent of the operator and request spans', async () => {
    const registry = new PluginRegistry();
    registry.registerPlugin(plugin);
    registry.registerPlugin(builtinTasksPlugin);
    registry.registerPlugin(builtinConnectorsPlugin);
    const runtime = createInferenceRuntime({ registry, mode: 'in-process' });
    const engine = await Engine.open({ dataDir: mkdtempSync(join(tmpdir(), 'lateral-spans-')), registry, inference: runtime });
    const script = `
      CREATE CONNECTION c WITH ('type' = '${TEST_PROVIDER_ID}', 'endpoint' = '${fake.url}/v1/echo', 'api-key' = '${TEST_API_KEY}');
      CREATE MODEL echo_model INPUT (text STRING) OUTPUT (result STRING) WITH ('provider' = '${TEST_PROVIDER_ID}', 'task' = 'text_generation', '${TEST_PROVIDER_ID}.connection' = 'c');
      CREATE TABLE t (text STRING);
      INSERT INTO t VALUES ('a'), ('b');
      SELECT result FROM t, LATERAL TABLE(ML_PREDICT('echo_model', text));`;
    try {
      let rows = 0;
      for await (const result of engine.executeScript(script)) {
        if (result.kind === 'rows') for await (const batch of result.rows) rows += batch.length;
      }
      expect(rows).toBe(2);
    } finally {
      await runtime.close();
    }
    const spans = exporter.getFinishedSpans();
    const statements = byName(spans, 'lateral.statement');
    expect(statements.map((span) => span.attributes[SPAN_ATTRIBUTES.statementKind])).toEqual([
      'CREATE CONNECTION',
      'CREATE MODEL',
      'CREATE TABLE',
      'INSERT',
      'SELECT',
    ]);
    const select = statements[4]!;
    const [operator] = byName(spans, 'lateral.operator.inference');
    expect(operator?.parentSpanContext?.spanId).toBe(select.spanContext().spanId);
    for (const request of byName(spans, 'lateral.request')) expect(request.spanContext().traceId).toBe(select.spanContext().traceId);
    for (const span of spans) expect(JSON.stringify(span.attributes)).not.toContain(TEST_API_KEY);
  });
});
