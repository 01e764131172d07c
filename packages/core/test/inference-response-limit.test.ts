import { afterEach, describe, expect, it } from 'vitest';
import { LateralError } from '@lateral/spec';
import { createInferenceRuntime } from '../src/inference/inference-runtime-factory.js';
import { DEFAULT_INVOCATION_CONFIG } from '../src/inference/inference-runtime.js';
import { PluginRegistry } from '../src/registry/plugin-registry.js';
import { plugin, TEST_PROVIDER_ID } from './inference-fixture-provider.js';
import { collect, echoModel, inputBatches, startEchoFake } from './inference-fixture-server.js';

const FIXTURE_URL = new URL('./inference-fixture-provider.ts', import.meta.url).href;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The model's `<p>.max_response_bytes` reaches sendHttp on the main thread and in a pool worker alike. */
describe.each(['in-process', 'pool'] as const)('response size limit through the runtime (%s)', (mode) => {
  it('fails a row whose answer is over max_response_bytes with the coded error, without a retry', async () => {
    const fake = await startEchoFake({ script: () => ({ status: 200, body: { outputs: ['x'.repeat(10_000)] } }) });
    const registry = new PluginRegistry();
    registry.registerPlugin(plugin);
    const runtime = createInferenceRuntime({ registry, mode, poolSize: 1, moduleUrlFor: (id) => (id === TEST_PROVIDER_ID ? FIXTURE_URL : undefined) });
    cleanups.push(async () => {
      await runtime.close();
      await fake.close();
    });
    const model = echoModel(fake.url, { providerOptions: { max_response_bytes: '1000' } });
    let failure: unknown;
    try {
      await collect(runtime.openSession(model, { ...DEFAULT_INVOCATION_CONFIG, retryCount: 3 }).process(inputBatches(1, 1)));
    } catch (error) {
      failure = error;
    }
    expect(LateralError.isInstance(failure)).toBe(true);
    expect((failure as LateralError).code).toBe('LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE');
    expect((failure as LateralError).message).toContain('over the limit of 1000 bytes');
    expect(fake.arrivals).toHaveLength(1);
  });
});
