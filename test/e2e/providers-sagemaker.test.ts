import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySigV4 } from '../fakes/aws-sigv4-verify.js';
import { featureScore, SAGEMAKER_FAKE_CREDENTIALS, startSageMakerFake, type SageMakerFake } from '../fakes/sagemaker-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * SageMaker through the CLI: CSV (the default, one row per request unless max_batch_size asks for
 * more, numeric multi-column inputs), JSON and TRITON, every request SigV4-signed for service
 * `sagemaker`. The fake's container answers
 * Σ (i+1)·xᵢ per row, so the values prove every column of every row arrived in order.
 */
let fake: SageMakerFake;
beforeAll(async () => {
  fake = await startSageMakerFake();
});
afterAll(() => fake.close());

const { accessKeyId, secretAccessKey } = SAGEMAKER_FAKE_CREDENTIALS;
const SIGNED = new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/us-east-1/sagemaker/aws4_request, `);

const FEATURES = [
  [1, 1.5, 2.0, 3],
  [2, 0.5, -1.0, 10],
  [3, 4.25, 0.5, 0],
] as const;

function setup(endpointName: string, model: string): string {
  return `CREATE CONNECTION sm WITH ('type' = 'sagemaker', 'endpoint' = '${fake.invocationsUrl(endpointName)}', 'region' = 'us-east-1',
            'aws-access-key' = '${accessKeyId}', 'aws-secret-key' = '${secretAccessKey}');
          ${model}
          CREATE TABLE features (id INT, a DOUBLE, b DOUBLE, c INT);
          INSERT INTO features VALUES ${FEATURES.map((row) => `(${row.join(', ')})`).join(', ')};`;
}

const EXPECTED = FEATURES.map(([id, a, b, c]) => ({ id, score: featureScore([a, b, c]) }));

describe('sagemaker through the CLI', () => {
  it('runs examples/providers/sagemaker.sql: CSV, three numeric columns, keys from the environment', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'sagemaker.sql', [
      ["https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/xgboost-churn/invocations'", `${fake.invocationsUrl('xgboost-churn')}', 'region' = 'us-east-1'`],
    ]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { customer_id: 101, churn_probability: featureScore([1.5, 2.25, 3]) },
      { customer_id: 102, churn_probability: featureScore([0.5, 10.0, 0]) },
      { customer_id: 103, churn_probability: featureScore([12.0, -1.5, 1]) },
    ]);
    const sent = sentSince(fake, before);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    // one CSV line per row, columns in INPUT order (rows may travel in one request or several)
    const lines = sent.flatMap((request) => request.body.toString('utf8').trim().split('\n'));
    expect(lines.sort()).toEqual(['0.5,10,0', '1.5,2.25,3', '12,-1.5,1']);
    for (const request of sent) {
      expect(request.headers.authorization).toMatch(SIGNED);
      expect(request.headers['content-type']).toBe('text/csv');
    }
    expectNoSecrets(run, [secretAccessKey]);
  });

  it('CSV in the worker pool with the documented SageMaker headers', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `${setup(
        'churn-xgb',
        `CREATE MODEL churn INPUT (a DOUBLE, b DOUBLE, c INT) OUTPUT (score DOUBLE)
           WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sm', 'sagemaker.input_format' = 'CSV',
                 'sagemaker.custom_attributes' = 'trace=e2e', 'sagemaker.target_variant' = 'AllTraffic', 'sagemaker.inference_id' = 'e2e-run-1');`,
      )}
       SELECT id, score FROM features, LATERAL TABLE(ML_PREDICT('churn', a, b, c));`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual(EXPECTED);
    const sent = sentSince(fake, before);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const request of sent) {
      expect(request.path).toBe('/endpoints/churn-xgb/invocations');
      expect(request.headers['x-amzn-sagemaker-custom-attributes']).toBe('trace=e2e');
      expect(request.headers['x-amzn-sagemaker-target-variant']).toBe('AllTraffic');
      expect(request.headers['x-amzn-sagemaker-inference-id']).toBe('e2e-run-1');
    }
  });

  it('JSON: one object of named features per request, the score read by the OUTPUT name', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `${setup(
        'churn-json',
        `CREATE MODEL churn INPUT (a DOUBLE, b DOUBLE, c INT) OUTPUT (score DOUBLE)
           WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sm', 'sagemaker.input_format' = 'JSON');`,
      )}
       SELECT id, score FROM features, LATERAL TABLE(ML_PREDICT('churn', a, b, c));`,
    );
    expectSuccess(run);
    expect(run.rows).toEqual(EXPECTED);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(FEATURES.length);
    expect(sent.map((request) => request.json)).toEqual(expect.arrayContaining(FEATURES.map(([, a, b, c]) => ({ a, b, c }))));
    for (const request of sent) expect(request.headers['content-type']).toMatch(/^application\/json/);
  });

  it('TRITON with max_batch_size: one KServe v2 tensor per INPUT column, the output tensor split back into rows', async () => {
    // The fake's containers speak CSV and JSON, not KServe v2: the Triton answer is scripted, and
    // the request's signature is checked here with the fake's own verifier.
    const scores = EXPECTED.map((row) => row.score);
    fake.queue.push({ status: 200, body: { model_name: 'churn', outputs: [{ name: 'score', datatype: 'FP64', shape: [3, 1], data: scores }] } });
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `${setup(
        'churn-triton',
        `CREATE MODEL churn INPUT (a DOUBLE, b DOUBLE, c INT) OUTPUT (score DOUBLE)
           WITH ('provider' = 'sagemaker', 'task' = 'regression', 'sagemaker.connection' = 'sm', 'sagemaker.input_format' = 'TRITON');`,
      )}
       SELECT id, score FROM features, LATERAL TABLE(ML_PREDICT('churn', a, b, c, MAP['max_parallelism', 1, 'max_batch_size', 3]));`,
    );
    fake.queue.length = 0;
    expectSuccess(run);
    expect(run.rows).toEqual(EXPECTED);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(request.json).toEqual({
      inputs: [
        { name: 'a', datatype: 'FP64', shape: [3], data: FEATURES.map((row) => row[1]) },
        { name: 'b', datatype: 'FP64', shape: [3], data: FEATURES.map((row) => row[2]) },
        { name: 'c', datatype: 'INT32', shape: [3], data: FEATURES.map((row) => row[3]) },
      ],
    });
    const verdict = verifySigV4(
      { method: request.method, rawUrl: request.url, headers: request.headers, body: request.body },
      { credentials: SAGEMAKER_FAKE_CREDENTIALS, region: 'us-east-1', service: 'sagemaker', now: Date.now() },
    );
    expect(verdict).toMatchObject({ ok: true });
  });
});
