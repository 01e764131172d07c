import { afterEach, describe, expect, it } from 'vitest';
import { startAzureMLFake, type AzureMLFake, type AzureMLFakeOptions } from '../../../test/fakes/azureml-fake.js';
import { DOUBLE, FLOAT_ARRAY, INT, STRING, azuremlModel, azuremlRegistry, column, invoke, type AzureMLModelFixture } from './azureml-test-kit.js';

const registry = azuremlRegistry();
let fake: AzureMLFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(options: AzureMLFakeOptions = {}) {
  fake = await startAzureMLFake(options);
  return fake;
}

function model(fixture: Partial<AzureMLModelFixture> & { endpoint: string }) {
  return azuremlModel(registry, { apiKey: fake!.apiKey, ...fixture });
}

describe('azureml requests through the fake', () => {
  it('pandas dataframe: several rows in one request, one prediction per row mapped back', async () => {
    await setUp();
    const rows = [
      [35, 52000],
      [41, 61000.5],
      [0, 1],
    ];
    const result = await invoke(registry, model({ endpoint: fake!.scoreUrl }), rows);
    const request = fake!.requests[0]!;
    expect(fake!.requests).toHaveLength(1);
    expect(request.path).toBe('/score');
    expect(request.headers.authorization).toBe(`Bearer ${fake!.apiKey}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['azureml-model-deployment']).toBeUndefined();
    expect(request.json).toEqual({ input_data: { index: [0, 1, 2], columns: ['age', 'income'], data: rows } });
    expect(result.decoded.rows).toEqual([[35 + 2 * 52000], [41 + 2 * 61000.5], [2]]);
    expect(result.response.headers['azureml-model-deployment']).toBe('blue');
  });

  it('azureml.deployment_name goes in the azureml-model-deployment header', async () => {
    await setUp({ deployments: ['blue', 'green'] });
    const result = await invoke(registry, model({ endpoint: fake!.scoreUrl, providerOptions: { deployment_name: 'green' } }), [[1, 1]]);
    expect(fake!.requests[0]!.headers['azureml-model-deployment']).toBe('green');
    expect(result.response.headers['azureml-model-deployment']).toBe('green');
    expect(result.decoded.rows).toEqual([[3]]);
  });

  it('mixed columns (array, int, string) keep their order; text rows classify', async () => {
    await setUp();
    const input = [column('vectors', FLOAT_ARRAY), column('other_feature', INT), column('note', STRING)];
    const result = await invoke(registry, model({ endpoint: fake!.scoreUrl, task: 'classification', input, output: [column('label', STRING)] }), [
      [[0.5, 1], 3, 'great product'],
      [[1, 1], 1, 'terrible'],
    ]);
    expect(fake!.requests[0]!.json).toEqual({
      input_data: { index: [0, 1], columns: ['vectors', 'other_feature', 'note'], data: [[[0.5, 1], 3, 'great product'], [[1, 1], 1, 'terrible']] },
    });
    expect(result.decoded.rows).toEqual([['POSITIVE'], ['NEGATIVE']]);
  });

  it('AI Studio-style chat endpoint: OPENAI-CHAT by default, Bearer key, query string kept', async () => {
    await setUp();
    const endpoint = `${fake!.url}/v1/chat/completions?api-version=2024-05-01-preview`;
    const chat = model({ endpoint, task: 'text_generation', input: [column('prompt', STRING)], output: [column('response', STRING)] });
    expect(chat.inputFormat.id).toBe('OPENAI-CHAT');
    const result = await invoke(registry, chat, [['I love this']]);
    const request = fake!.requests[0]!;
    expect(request.url).toBe('/v1/chat/completions?api-version=2024-05-01-preview');
    expect(request.headers.authorization).toBe(`Bearer ${fake!.apiKey}`);
    expect(request.json).toEqual({ messages: [{ role: 'user', content: 'I love this' }] });
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
  });

  it('AZUREML-TENSOR: rows under input_data, outputs read from JSON:outputs', async () => {
    await setUp();
    fake!.queue.push({ status: 200, body: { outputs: 12.5 } });
    const result = await invoke(registry, model({ endpoint: fake!.scoreUrl, inputFormat: 'AZUREML-TENSOR', output: [column('prediction', DOUBLE)] }), [[1, 2]]);
    expect(fake!.requests[0]!.json).toEqual({ input_data: { age: 1, income: 2 } });
    expect(result.decoded.rows).toEqual([[12.5]]);
  });
});
