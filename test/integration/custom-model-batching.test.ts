import { afterEach, describe, expect, it } from 'vitest';
import { plugin as sagemakerPlugin } from '@lateral/provider-sagemaker';
import { featureScore, SAGEMAKER_FAKE_CREDENTIALS, startSageMakerFake, type SageMakerFake } from '../fakes/sagemaker-fake.js';
import { useSqlEngine } from '../providers/sql-engine-kit.js';

/**
 * Custom-model bodies (SageMaker CSV, Triton tensors) carry one row per request by default, as
 * Confluent sends them: a user's container may read only one record. `max_batch_size` opts in to
 * batching, and an answer with the wrong number of predictions is a clear error, never a shifted
 * or missing row.
 */
const runScript = useSqlEngine(sagemakerPlugin, 'custom-model-batching');
let fake: SageMakerFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const FEATURES = Array.from({ length: 6 }, (_, index) => [index + 1, index * 0.5, 2 - index, index * 3] as const);

function script(fakeUrl: string, format: string, map = ''): string {
  const { accessKeyId, secretAccessKey } = SAGEMAKER_FAKE_CREDENTIALS;
  return `
    CREATE CONNECTION sm WITH ('type' = 'sagemaker', 'endpoint' = '${fakeUrl}', 'region' = 'us-east-1',
      'aws-access-key' = '${accessKeyId}', 'aws-secret-key' = '${secretAccessKey}');
    CREATE MODEL churn INPUT (a DOUBLE, b DOUBLE, c INT) OUTPUT (score DOUBLE)
      WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sm'${format});
    CREATE TABLE features (id INT, a DOUBLE, b DOUBLE, c INT);
    INSERT INTO features VALUES ${FEATURES.map((row) => `(${row.join(', ')})`).join(', ')};
    SELECT id, score FROM features, LATERAL TABLE(ML_PREDICT('churn', a, b, c${map}));
  `;
}

const EXPECTED = FEATURES.map(([id, a, b, c]) => [id, featureScore([a, b, c])]);

async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
}

describe('custom-model batching', () => {
  it('sends one CSV row per request by default, so a container that reads one record answers every row', async () => {
    fake = await startSageMakerFake({ singleRecord: true });
    const rows = await runScript(script(fake.invocationsUrl('churn-one'), ''));
    expect(rows).toEqual(EXPECTED);
    expect(fake.requests).toHaveLength(FEATURES.length);
    for (const request of fake.requests) expect(request.body.toString('utf8').trim().split('\n')).toHaveLength(1);
  });

  it('batches CSV rows when max_batch_size asks for it', async () => {
    fake = await startSageMakerFake();
    const rows = await runScript(script(fake.invocationsUrl('churn-batch'), '', ", MAP['max_batch_size', 3, 'max_parallelism', 1]"));
    expect(rows).toEqual(EXPECTED);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((request) => request.body.toString('utf8').trim().split('\n').length)).toEqual([3, 3]);
  });

  it("batches CSV rows when the model's max_batch_size asks for it", async () => {
    fake = await startSageMakerFake();
    const rows = await runScript(script(fake.invocationsUrl('churn-model-batch'), ", 'sagemaker.max_batch_size' = '6'"));
    expect(rows).toEqual(EXPECTED);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails clearly, with both counts, when a batched request gets fewer predictions than rows', async () => {
    fake = await startSageMakerFake({ singleRecord: true });
    const error = await failureOf(runScript(script(fake.invocationsUrl('churn-short'), '', ", MAP['max_batch_size', 3]")));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE');
    expect(error.message).toContain('Expected 3 but got 1');
  });

  it('sends one row per TRITON request by default: a model without a batch dimension gets shape [1]', async () => {
    fake = await startSageMakerFake();
    for (const [, a, b, c] of FEATURES) {
      fake.queue.push({ status: 200, body: { model_name: 'churn', outputs: [{ name: 'score', datatype: 'FP64', shape: [1], data: [featureScore([a, b, c])] }] } });
    }
    const rows = await runScript(script(fake.invocationsUrl('churn-triton'), ", 'sagemaker.input_format' = 'TRITON'", ", MAP['max_parallelism', 1]"));
    expect(rows).toEqual(EXPECTED);
    expect(fake.requests).toHaveLength(FEATURES.length);
    for (const request of fake.requests) {
      for (const tensor of (request.json as { inputs: Array<{ shape: number[] }> }).inputs) expect(tensor.shape).toEqual([1]);
    }
  });
});
