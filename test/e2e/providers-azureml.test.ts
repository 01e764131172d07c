import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowPrediction, startAzureMLFake, type AzureMLFake } from '../fakes/azureml-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * Azure ML through the CLI: AZUREML-PANDAS-DATAFRAME (rows batched into one "split" frame, Bearer
 * key, `azureml-model-deployment`) and OPENAI-CHAT on an AI Studio serverless route. The fake
 * scores numeric rows as Σ (i+1)·xᵢ and text rows with a sentiment label.
 */
let fake: AzureMLFake;
beforeAll(async () => {
  fake = await startAzureMLFake({ deployments: ['blue', 'green'] });
});
afterAll(() => fake.close());

interface Frame {
  input_data: { columns: string[]; index?: number[]; data: unknown[][] };
}

describe('azureml through the CLI', () => {
  it('runs examples/providers/azureml.sql: a batched pandas frame and a serverless chat model', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'azureml.sql', [
      ['https://<your-endpoint>.<region>.inference.ml.azure.com', fake.url],
      ['https://<your-llm>.<region>.inference.ai.azure.com', fake.url],
    ]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { AZUREML_ENDPOINT_KEY: fake.apiKey, AZURE_AI_KEY: fake.apiKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { applicant_id: 1, risk: rowPrediction([30, 1000.5]), response: 'POSITIVE' },
      { applicant_id: 2, risk: rowPrediction([41, 20.25]), response: 'NEGATIVE' },
      { applicant_id: 3, risk: rowPrediction([25, 0]), response: 'NEUTRAL' },
    ]);
    const sent = sentSince(fake, before);
    for (const request of sent) expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    const scored = sent.filter((request) => request.path === '/score');
    for (const request of scored) expect(request.headers['azureml-model-deployment']).toBe('blue');
    const frames = scored.map((request) => (request.json as Frame).input_data);
    for (const frame of frames) expect(frame.columns).toEqual(['age', 'income']);
    expect(frames.flatMap((frame) => frame.data).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [25, 0],
      [30, 1000.5],
      [41, 20.25],
    ]);
    const chats = sent.filter((request) => request.path === '/v1/chat/completions');
    expect(chats).toHaveLength(3);
    for (const request of chats) {
      expect(request.json).toMatchObject({ messages: [{ role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' }, { role: 'user' }] });
    }
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('AZUREML-PANDAS-DATAFRAME with multi-column input (ARRAY, INT, STRING) in one request, in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION \`azureml-conn\` WITH ('type' = 'azureml', 'endpoint' = '${fake.scoreUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL clusteringmodel
         INPUT (vectors ARRAY<FLOAT>, other_feature INT, other_feature2 STRING)
         OUTPUT (cluster_num INT)
         WITH ('task' = 'clustering', 'provider' = 'azureml', 'azureml.connection' = 'azureml-conn',
               'azureml.input_format' = 'AZUREML-PANDAS-DATAFRAME', 'azureml.deployment_name' = 'green');
       CREATE TABLE points (id INT, v ARRAY<FLOAT>, f INT, g STRING);
       INSERT INTO points VALUES (1, ARRAY[1.0, 2.0], 3, '4'), (2, ARRAY[1.0, 0.5], 10, '2'), (3, ARRAY[2.0, 0.0], 1, '1');
       SELECT id, cluster_num FROM points, LATERAL TABLE(ML_PREDICT('clusteringmodel', v, f, g));`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, cluster_num: rowPrediction([[1, 2], 3, '4']) },
      { id: 2, cluster_num: rowPrediction([[1, 0.5], 10, '2']) },
      { id: 3, cluster_num: rowPrediction([[2, 0], 1, '1']) },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['azureml-model-deployment']).toBe('green');
    expect(sent[0]!.json).toEqual({
      input_data: {
        columns: ['vectors', 'other_feature', 'other_feature2'],
        index: [0, 1, 2],
        data: [
          [[1, 2], 3, '4'],
          [[1, 0.5], 10, '2'],
          [[2, 0], 1, '1'],
        ],
      },
    });
  });

  it('OPENAI-CHAT on an AI Studio route through ML_PREDICT, with the key from ${env:…}', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION llama_serverless WITH ('type' = 'azureml', 'endpoint' = '${fake.chatUrl}', 'api-key' = '\${env:E2E_AZUREML_KEY}');
       CREATE MODEL llama INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'azureml', 'task' = 'text_generation', 'azureml.connection' = 'llama_serverless',
               'azureml.input_format' = 'OPENAI-CHAT', 'azureml.params.temperature' = '0.1');
       CREATE TABLE notes (id INT, note STRING);
       INSERT INTO notes VALUES (1, 'Excellent service'), (2, 'Poor quality');
       SELECT id, response FROM notes, LATERAL TABLE(ML_PREDICT('llama', note));`,
      { env: { E2E_AZUREML_KEY: fake.apiKey } },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE' },
      { id: 2, response: 'NEGATIVE' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.json).toMatchObject({ temperature: 0.1, messages: [{ role: 'user' }] });
    }
    expectNoSecrets(run, [fake.apiKey]);
  });
});
