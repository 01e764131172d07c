import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { Agent } from 'undici';
import { createInferenceRuntime, DEFAULT_INVOCATION_CONFIG, PluginRegistry, withStatementSpan } from '@lateral/core';
import { installTelemetry } from '../../packages/cli/src/telemetry/install-telemetry.js';
import type { SpanLine } from '../../packages/cli/src/telemetry/telemetry-span-file-exporter.js';
import { plugin } from '../../packages/core/test/inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake, TEST_API_KEY, type EchoFake } from '../../packages/core/test/inference-fixture-server.js';
import { startHttpFake } from '../fakes/http-fake.js';

let fake: EchoFake;
let directory: string;

beforeAll(async () => {
  fake = await startEchoFake();
  directory = await mkdtemp(join(tmpdir(), 'lateral-trace-'));
});

afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

/** One statement with one inference operator over three rows, as the engine would run it. */
async function runStatement(): Promise<void> {
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  const dispatcher = new Agent();
  const runtime = createInferenceRuntime({ registry, mode: 'in-process', dispatcher });
  try {
    await withStatementSpan(`SELECT * FROM t, LATERAL TABLE(ML_PREDICT('echo_model', text)) -- ${TEST_API_KEY}`, () =>
      collect(runtime.openSession(echoModel(fake.url), DEFAULT_INVOCATION_CONFIG).process(inputBatches(3, 3))),
    );
  } finally {
    await runtime.close();
    await dispatcher.close();
  }
}

describe('installTelemetry', () => {
  it('installs nothing when nothing is asked', async () => {
    const telemetry = await installTelemetry({ env: {} });
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
    await telemetry.shutdown();
  });

  it('writes finished spans as NDJSON with --trace FILE', async () => {
    const file = join(directory, 'spans.ndjson');
    const telemetry = await installTelemetry({ traceFile: file, env: {} });
    await runStatement();
    await telemetry.shutdown();
    const text = await readFile(file, 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as SpanLine);
    expect(lines.map((line) => line.name).sort()).toEqual([
      'lateral.operator.inference',
      'lateral.request',
      'lateral.request',
      'lateral.request',
      'lateral.statement',
    ]);
    const statement = lines.find((line) => line.name === 'lateral.statement');
    const operator = lines.find((line) => line.name === 'lateral.operator.inference');
    expect(operator?.parentSpanId).toBe(statement?.spanId);
    for (const request of lines.filter((line) => line.name === 'lateral.request')) {
      expect(request.parentSpanId).toBe(operator?.spanId);
      expect(request.traceId).toBe(statement?.traceId);
      expect(request.attributes).toMatchObject({ 'lateral.provider': 'testecho', 'http.response.status_code': 200 });
      expect(request.status.code).toBe('UNSET');
      expect(Date.parse(request.end)).toBeGreaterThanOrEqual(Date.parse(request.start));
    }
    expect(text).not.toContain(TEST_API_KEY);
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
  });

  it('refuses a trace file it cannot write', async () => {
    await expect(installTelemetry({ traceFile: join(directory, 'missing', 'x.ndjson'), env: {} })).rejects.toMatchObject({
      code: 'LATERAL_ERR_CLI_USAGE',
    });
  });

  it('exports spans over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const collector = await startHttpFake(() => ({ status: 200, body: {} }));
    try {
      const telemetry = await installTelemetry({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'lateral-test' } });
      await runStatement();
      await telemetry.shutdown();
      expect(collector.requests.map((request) => request.path)).toContain('/v1/traces');
      const body = collector.requests.map((request) => request.body.toString('latin1')).join('');
      expect(body).toContain('lateral.request');
      expect(body).not.toContain(TEST_API_KEY);
    } finally {
      await collector.close();
    }
  });

  it('writes metric points to stderr with OTEL_METRICS_EXPORTER=console', async () => {
    const stderr = new PassThrough();
    let output = '';
    stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const telemetry = await installTelemetry({ env: { OTEL_METRICS_EXPORTER: 'console' }, stderr });
    await runStatement();
    await telemetry.shutdown();
    const points = output.trim().split('\n').map((line) => JSON.parse(line) as { metric: string; value: unknown });
    expect(points.find((point) => point.metric === 'lateral.rows')?.value).toBe(3);
    expect(points.find((point) => point.metric === 'lateral.requests')?.value).toBe(3);
  });

  it('exports metrics over OTLP/HTTP with OTEL_METRICS_EXPORTER=otlp', async () => {
    const collector = await startHttpFake(() => ({ status: 200, body: {} }));
    try {
      const telemetry = await installTelemetry({
        env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
      });
      await runStatement();
      await telemetry.shutdown();
      const paths = collector.requests.map((request) => request.path);
      expect(paths).toContain('/v1/metrics');
      expect(paths).not.toContain('/v1/traces');
      const body = collector.requests.map((request) => request.body.toString('latin1')).join('');
      expect(body).toContain('lateral.requests');
      expect(body).not.toContain(TEST_API_KEY);
    } finally {
      await collector.close();
    }
  });
});
