import { afterEach, describe, expect, it } from 'vitest';
import { Agent } from 'undici';
import { createInferenceRuntime } from '../src/inference/inference-runtime-factory.js';
import { DEFAULT_INVOCATION_CONFIG } from '../src/inference/inference-runtime.js';
import { PluginRegistry } from '../src/registry/plugin-registry.js';
import { plugin } from './inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake } from './inference-fixture-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const ROWS = 3000;
const STORM_MS = 3000;

/**
 * Runs ROWS one-row requests against the echo fake (10 ms per answer, 10 in flight) and returns
 * the wall time. With `storm`, the fake refuses nine requests in ten with `retry-after: 1` for
 * the first STORM_MS after the first request, then answers everything.
 */
async function runJob(storm: boolean): Promise<{ ms: number; refused: number; rows: number }> {
  let stormStartedAt: number | undefined;
  let refused = 0;
  let arrivals = 0;
  const fake = await startEchoFake({
    latencyMs: () => 10,
    script: () => {
      stormStartedAt ??= Date.now();
      arrivals += 1;
      if (storm && Date.now() - stormStartedAt < STORM_MS && arrivals % 10 !== 0) {
        refused += 1;
        return { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Too many requests' } } };
      }
      return undefined;
    },
  });
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  const dispatcher = new Agent({ connections: 64 });
  const runtime = createInferenceRuntime({ registry, mode: 'in-process', dispatcher });
  cleanups.push(async () => {
    await runtime.close();
    await dispatcher.close();
    await fake.close();
  });
  const started = performance.now();
  const outputs = await collect(runtime.openSession(echoModel(fake.url), { ...DEFAULT_INVOCATION_CONFIG, maxParallelism: 10 }).process(inputBatches(ROWS, 100)));
  return { ms: performance.now() - started, refused, rows: new Set(outputs.map((output) => output.tag)).size };
}

describe('pacing after a storm of 429s (real HTTP, measured as a ratio)', () => {
  it('finishes the job at close to normal speed once the storm ends', async () => {
    const calm = await runJob(false);
    const stormy = await runJob(true);
    expect(stormy.rows).toBe(ROWS);
    expect(stormy.refused).toBeGreaterThan(0);
    // Generous: the storm's own seconds aside, the job may take a few times its calm duration
    // (recovery probes upward from the rate the storm left). Before, it took hundreds of times.
    const afterStormMs = stormy.ms - STORM_MS;
    if (process.env.PRINT_SIM) console.log(JSON.stringify({ calmMs: calm.ms, stormyMs: stormy.ms, refused: stormy.refused }));
    expect(afterStormMs / calm.ms).toBeLessThan(6);
  }, 90_000);
});
