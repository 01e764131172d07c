import { afterAll, beforeAll, expect, it } from 'vitest';
import { metrics, type Meter } from '@opentelemetry/api';
import { Agent } from 'undici';
import { createInferenceRuntime } from '../src/inference/inference-runtime-factory.js';
import { DEFAULT_INVOCATION_CONFIG } from '../src/inference/inference-runtime.js';
import { PluginRegistry } from '../src/registry/plugin-registry.js';
import { plugin } from './inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake, type EchoFake } from './inference-fixture-server.js';

/** A meter that records every measurement: enough to check what the runtime reports, without an SDK. */
const recorded: Array<{ instrument: string; value: number; attributes: Record<string, unknown> }> = [];
function recordingMeter(): Meter {
  const instrument = (name: string) => ({
    add: (value: number, attributes: Record<string, unknown> = {}) => recorded.push({ instrument: name, value, attributes }),
    record: (value: number, attributes: Record<string, unknown> = {}) => recorded.push({ instrument: name, value, attributes }),
  });
  return {
    createCounter: instrument,
    createUpDownCounter: instrument,
    createHistogram: instrument,
    createGauge: instrument,
  } as unknown as Meter;
}

let fake: EchoFake;
beforeAll(async () => {
  metrics.setGlobalMeterProvider({ getMeter: () => recordingMeter() });
  let first = true;
  fake = await startEchoFake({
    script: () => {
      if (!first) return undefined;
      first = false;
      return { status: 429, headers: { 'retry-after-ms': '1' } };
    },
  });
});
afterAll(async () => {
  metrics.disable();
  await fake.close();
});

function total(instrument: string): number {
  return recorded.filter((entry) => entry.instrument === instrument).reduce((sum, entry) => sum + entry.value, 0);
}

it('reports requests, 429s, retries, rows, tokens, latency, queue wait and in-flight on meter lateral', async () => {
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  const dispatcher = new Agent();
  const runtime = createInferenceRuntime({ registry, mode: 'in-process', dispatcher, backoff: { baseMs: 1, capMs: 2 } });
  try {
    await collect(runtime.openSession(echoModel(fake.url), { ...DEFAULT_INVOCATION_CONFIG, maxParallelism: 1 }).process(inputBatches(4, 4)));
  } finally {
    await runtime.close();
    await dispatcher.close();
  }
  expect(total('lateral.requests')).toBe(5);
  expect(total('lateral.errors')).toBe(1);
  expect(total('lateral.http_429')).toBe(1);
  expect(total('lateral.retries')).toBe(1);
  expect(total('lateral.rows')).toBe(4);
  expect(total('lateral.tokens')).toBe(4 * 5);
  expect(total('lateral.requests.in_flight')).toBe(0);
  expect(recorded.filter((entry) => entry.instrument === 'lateral.request.duration')).toHaveLength(5);
  expect(recorded.filter((entry) => entry.instrument === 'lateral.queue.wait')).toHaveLength(5);
  expect(recorded.find((entry) => entry.instrument === 'lateral.requests')?.attributes).toEqual({
    'lateral.provider': 'testecho',
    'lateral.model.name': 'echo_model',
  });
});
