import { afterEach, describe, expect, it } from 'vitest';
import { plugin } from '@lateral/provider-azureml';
import { startAzureMLFake, type AzureMLFake } from '../../../test/fakes/azureml-fake.js';
import { useSqlEngine } from '../../../test/providers/sql-engine-kit.js';

/** The whole path: CREATE CONNECTION / CREATE MODEL validated by core's catalog, ML_PREDICT through the runtime. */
let fake: AzureMLFake | undefined;
const runScript = useSqlEngine(plugin, 'azureml');

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('azureml from SQL', () => {
  it('sends a pandas frame of several rows and maps the predictions back to them', async () => {
    fake = await startAzureMLFake({ deployments: ['blue', 'green'] });
    const rows = await runScript(`
      CREATE CONNECTION aml WITH ('type' = 'azureml', 'endpoint' = '${fake.scoreUrl}', 'api-key' = '${fake.apiKey}');
      CREATE MODEL risk INPUT (age INT, income DOUBLE) OUTPUT (risk DOUBLE)
        WITH ('provider' = 'azureml', 'task' = 'regression', 'azureml.connection' = 'aml', 'azureml.deployment_name' = 'green');
      CREATE TABLE applicants (id INT, age INT, income DOUBLE);
      INSERT INTO applicants VALUES (1, 35, 52000.0), (2, 41, 61000.5), (3, 20, 0.0);
      SELECT id, risk FROM applicants, LATERAL TABLE(ML_PREDICT('risk', age, income));
    `);
    expect(rows).toEqual([
      [1, 35 + 2 * 52000],
      [2, 41 + 2 * 61000.5],
      [3, 20],
    ]);
    expect(fake.requests.every((request) => request.headers['azureml-model-deployment'] === 'green')).toBe(true);
    const sentRows = fake.requests.flatMap((request) => (request.json as { input_data: { data: unknown[] } }).input_data.data);
    expect(sentRows).toEqual([
      [35, 52000],
      [41, 61000.5],
      [20, 0],
    ]);
  });
});
