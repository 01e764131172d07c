import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Engine,
  PluginRegistry,
  builtinConnectorsPlugin,
  builtinFormatsPlugin,
  builtinTasksPlugin,
  createInferenceRuntime,
  type Row,
} from '@lateral/core';
import { plugin } from '@lateral/provider-sagemaker';
import { SAGEMAKER_FAKE_CREDENTIALS, startSageMakerFake, type SageMakerFake } from '../../../test/fakes/sagemaker-fake.js';

/** The whole path: CREATE CONNECTION / CREATE MODEL validated by core's catalog, ML_PREDICT through the runtime. */
let fake: SageMakerFake | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterEach(async () => {
  await fake?.close();
  await cleanup?.();
  fake = undefined;
  cleanup = undefined;
});

async function runScript(sql: string): Promise<Row[]> {
  const parent = await mkdtemp(join(tmpdir(), 'lateral-sagemaker-'));
  const registry = new PluginRegistry();
  for (const each of [builtinFormatsPlugin, builtinTasksPlugin, builtinConnectorsPlugin, plugin]) registry.registerPlugin(each);
  const inference = createInferenceRuntime({ registry, mode: 'in-process' });
  cleanup = async () => {
    await inference.close();
    await rm(parent, { recursive: true, force: true });
  };
  const engine = await Engine.open({ dataDir: join(parent, 'data'), registry, inference, environment: {} });
  const rows: Row[] = [];
  for await (const result of engine.executeScript(sql, { source: 'sagemaker.sql' })) {
    if (result.kind === 'rows') for await (const batch of result.rows) rows.push(...batch);
  }
  return rows;
}

describe('sagemaker from SQL', () => {
  it('scores multi-column numeric rows with a CSV endpoint, batched', async () => {
    fake = await startSageMakerFake();
    const rows = await runScript(`
      CREATE CONNECTION sm WITH (
        'type' = 'sagemaker',
        'endpoint' = '${fake.url}/endpoints/churn-model/invocations',
        'aws-access-key' = '${SAGEMAKER_FAKE_CREDENTIALS.accessKeyId}',
        'aws-secret-key' = '${SAGEMAKER_FAKE_CREDENTIALS.secretAccessKey}',
        'region' = 'us-east-1');
      CREATE MODEL churn INPUT (tenure DOUBLE, charges DOUBLE, calls INT) OUTPUT (score DOUBLE)
        WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sm',
              'sagemaker.custom_attributes' = 'trace=on', 'sagemaker.target_variant' = 'AllTraffic');
      CREATE TABLE customers (id INT, tenure DOUBLE, charges DOUBLE, calls INT);
      INSERT INTO customers VALUES (1, 1.5, 2.0, 3), (2, 0.0, 0.5, 0), (3, 10.0, 1.0, 1);
      SELECT id, score FROM customers, LATERAL TABLE(ML_PREDICT('churn', tenure, charges, calls));
    `);
    expect(rows).toEqual([
      [1, 1.5 + 4 + 9],
      [2, 1],
      [3, 10 + 2 + 3],
    ]);
    const request = fake.requests.at(-1)!;
    expect(request.headers['x-amzn-sagemaker-custom-attributes']).toBe('trace=on');
    expect(request.headers['x-amzn-sagemaker-target-variant']).toBe('AllTraffic');
  });
});
