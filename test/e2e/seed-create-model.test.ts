import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AZURE_OPENAI_FAKE_API_VERSION, startAzureOpenAIFake, type AzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { rowPrediction, startAzureMLFake, type AzureMLFake } from '../fakes/azureml-fake.js';
import { BEDROCK_FAKE_CREDENTIALS, startBedrockFake, type BedrockFake } from '../fakes/bedrock-fake.js';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { expectFailure, expectNoSecrets, expectSuccess, fixtureFile, lateralFile, newDataDir, positionOf, resultSets, fixtureSql } from './fixtures/cli-kit.js';

/**
 * The seed document's CREATE MODEL examples (confluent-dialect.md §5.7) through `lateral run`,
 * each model then used by ML_PREDICT and its result columns checked. The SQL is the document's;
 * only endpoints and keys point at the fakes (see the fixture's header).
 */
let openai: OpenAIFake;
let bedrock: BedrockFake;
let azureml: AzureMLFake;
let azure: AzureOpenAIFake;

beforeAll(async () => {
  [openai, bedrock, azureml, azure] = await Promise.all([startOpenAIFake(), startBedrockFake(), startAzureMLFake(), startAzureOpenAIFake()]);
});
afterAll(() => Promise.all([openai, bedrock, azureml, azure].map((fake) => fake.close())));

const TEXTS = ['I love how fast this arrived, great service!', 'The screen cracked on day one. Terrible.'];

describe('seed §5.7: CREATE MODEL examples', () => {
  it('creates the OpenAI, Bedrock embedding, Azure ML clustering and Azure OpenAI models, and each predicts its OUTPUT columns', async () => {
    const dir = newDataDir();
    const file = fixtureFile(dir, 'seed-5.7-create-model.sql', {
      OPENAI_CHAT_URL: openai.chatUrl,
      OPENAI_KEY: openai.apiKey,
      BEDROCK_TITAN_EMBED_URL: bedrock.invokeUrl('amazon.titan-embed-text-v1'),
      AWS_ACCESS_KEY: BEDROCK_FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_KEY: BEDROCK_FAKE_CREDENTIALS.secretAccessKey,
      AZUREML_SCORE_URL: azureml.scoreUrl,
      AZUREML_KEY: azureml.apiKey,
      AZURE_OPENAI_CHAT_URL: azure.chatUrl('gpt-4o-mini', AZURE_OPENAI_FAKE_API_VERSION),
      AZURE_OPENAI_KEY: azure.apiKey,
    });
    const bedrockBefore = bedrock.requests.length;
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    expect(run.stderr).toContain('`sentimentmodel` with version 1 created. Default version: 1');
    const sets = resultSets(run.rows);
    expect(sets.map((set) => set.columns)).toEqual([
      ['id', 'text', 'sentiment'],
      ['id', 'text', 'embedding'],
      ['id', 'cluster_num'],
      ['id', 'response'],
      ['Model Name'],
    ]);
    expect(sets[0]!.rows).toEqual([
      { id: 1, text: TEXTS[0], sentiment: 'POSITIVE' },
      { id: 2, text: TEXTS[1], sentiment: 'NEGATIVE' },
    ]);
    // Titan v1 embeddings are 1536 long; the format was chosen from the model id in the endpoint
    expect(sets[1]!.rows).toEqual(TEXTS.map((text, index) => ({ id: index + 1, text, embedding: deterministicEmbedding(text, 1536) })));
    for (const request of bedrock.requests.slice(bedrockBefore)) expect(request.json).toEqual({ inputText: expect.any(String) });
    expect(sets[2]!.rows).toEqual([
      { id: 1, cluster_num: rowPrediction([[1, 2], 3, '4']) },
      { id: 2, cluster_num: rowPrediction([[2, 0], 1, '1']) },
    ]);
    expect(sets[3]!.rows).toEqual([
      { id: 1, response: 'POSITIVE' },
      { id: 2, response: 'NEGATIVE' },
    ]);
    expect(sets[4]!.rows.map((row) => row['Model Name']).sort()).toEqual(['clusteringmodel', 'embeddingmodel', 'llm_textgen_model', 'sentimentmodel']);
    expectNoSecrets(run, [openai.apiKey, BEDROCK_FAKE_CREDENTIALS.secretAccessKey, azureml.apiKey, azure.apiKey]);
  });

  it('the workshop model with `mcp.connection`: Lateral has no MCP connections, and says so with a code', async () => {
    const dir = newDataDir();
    const values = {
      BEDROCK_CLAUDE_URL: bedrock.invokeUrl('anthropic.claude-3-haiku-20240307-v1:0'),
      AWS_ACCESS_KEY: BEDROCK_FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_KEY: BEDROCK_FAKE_CREDENTIALS.secretAccessKey,
      MCP_URL: 'http://127.0.0.1:9/mcp',
      MCP_KEY: 'mcp-e2e-key-0123456789abcdef',
    };
    const connections = await lateralFile(dir, fixtureFile(dir, 'seed-5.7-mcp-workshop.sql', values));
    const source = `${dir}/seed-5.7-mcp-workshop.sql`;
    const connectionsSql = fixtureSql('seed-5.7-mcp-workshop.sql', values);
    const stderr = expectFailure(connections, 'LATERAL_ERR_PROVIDER_UNKNOWN', { ...positionOf(connectionsSql, "'type' = 'mcp_server'"), source });
    expect(stderr).toContain('mcp_server');
    expectNoSecrets(connections, [values.MCP_KEY, values.AWS_SECRET_KEY]);

    const model = await lateralFile(dir, fixtureFile(dir, 'seed-5.7-mcp-model.sql', {}));
    const modelSql = fixtureSql('seed-5.7-mcp-model.sql', {});
    const modelError = expectFailure(model, 'LATERAL_ERR_CATALOG_NOT_FOUND', {
      ...positionOf(modelSql, "'mcp.connection'"),
      source: `${dir}/seed-5.7-mcp-model.sql`,
    });
    expect(modelError).toContain('remote-mcp-connection');
  });
});
