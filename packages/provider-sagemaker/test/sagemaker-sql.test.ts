import { afterEach, describe, expect, it } from 'vitest';
import { plugin } from '@lateral/provider-sagemaker';
import { SAGEMAKER_FAKE_CREDENTIALS, startSageMakerFake, type SageMakerFake } from '../../../test/fakes/sagemaker-fake.js';
import { useSqlEngine } from '../../../test/providers/sql-engine-kit.js';

/** The whole path: CREATE CONNECTION / CREATE MODEL validated by core's catalog, ML_PREDICT through the runtime. */
let fake: SageMakerFake | undefined;
const runScript = useSqlEngine(plugin, 'sagemaker');

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('sagemaker from SQL', () => {
  it('scores multi-column numeric rows with a CSV endpoint, one row per request (batching is opt-in)', async () => {
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
    expect(fake.requests).toHaveLength(3);
    const request = fake.requests.at(-1)!;
    expect(request.headers['x-amzn-sagemaker-custom-attributes']).toBe('trace=on');
    expect(request.headers['x-amzn-sagemaker-target-variant']).toBe('AllTraffic');
  });
});
