import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { rowPrediction, startAzureMLFake, type AzureMLFake } from '../fakes/azureml-fake.js';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { startGoogleAIFake, type GoogleAIFake } from '../fakes/googleai-fake.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { expectFailure, expectSuccess, fixtureFile, lateral, lateralFile, newDataDir, positionOf, resultSets, sentSince } from './fixtures/cli-kit.js';

/**
 * The seed's inference functions (confluent-dialect.md §11.1–11.5, and the model-name forms of §2)
 * through `lateral run`: every usage example prints the columns the document says it does.
 * AI_TOOL_INVOKE and ML_EVALUATE are not supported by Lateral: they fail with a clear code.
 */
let openai: OpenAIFake;
let azureml: AzureMLFake;
let googleai: GoogleAIFake;
let anthropic: AnthropicFake;

beforeAll(async () => {
  [openai, azureml, googleai, anthropic] = await Promise.all([
    startOpenAIFake(),
    startAzureMLFake({ deployments: ['blue', 'green'] }),
    startGoogleAIFake(),
    startAnthropicFake(),
  ]);
});
afterAll(() => Promise.all([openai, azureml, googleai, anthropic].map((fake) => fake.close())));

const TEXTS = ['I love it, great value', 'Terrible, it broke'];
const CLAIMS = ['Happy with the quick payout', 'Awful, the roof is still broken'];
const RISKS = [rowPrediction([30, 1000.5]), rowPrediction([41, 20.25])];

describe('seed §11: ML_PREDICT, AI_COMPLETE, AI_EMBEDDING as the document writes them', () => {
  it('every usage example prints its documented columns, with the values the fakes answer', async () => {
    const dir = newDataDir();
    const file = fixtureFile(dir, 'seed-11-functions.sql', {
      OPENAI_CHAT_URL: openai.chatUrl,
      OPENAI_EMBEDDINGS_URL: openai.embeddingsUrl,
      OPENAI_KEY: openai.apiKey,
      AZUREML_SCORE_URL: azureml.scoreUrl,
      AZUREML_KEY: azureml.apiKey,
      GEMINI_EMBED_URL: googleai.endpoint('gemini-embedding-001', 'embedContent'),
      GEMINI_KEY: googleai.apiKey,
      ANTHROPIC_URL: anthropic.messagesUrl,
      ANTHROPIC_KEY: anthropic.apiKey,
    });
    const azuremlBefore = azureml.requests.length;
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    const sets = resultSets(run.rows);
    expect(sets.map((set) => set.columns)).toEqual([
      ['id', 'text', 'embedding'],
      ['id', 'label'],
      ['id', 'risk'],
      ['id', 'default_risk'],
      ['id', 'sentiment'],
      ['id', 'text', 'sentiment'],
      ['id', 'output_json'],
      ['id', 'debugged'],
      ['id', 'embeddings'],
      ['id', 'quoted_v2'],
      ['id', 'bare'],
      ['id', 'response'],
      ['id', 'qualified'],
    ]);
    const values = sets.map((set) => set.rows.map((row) => Object.values(row)));
    expect(values).toEqual([
      TEXTS.map((text, index) => [index + 1, text, deterministicEmbedding(text, 8)]),
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      RISKS.map((risk, index) => [index + 1, risk]),
      RISKS.map((risk, index) => [index + 1, risk]),
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      [[1, TEXTS[0], 'POSITIVE'], [2, TEXTS[1], 'NEGATIVE']],
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      CLAIMS.map((claim, index) => [index + 1, deterministicEmbedding(claim, 8)]),
      RISKS.map((risk, index) => [index + 1, risk]),
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
      [[1, 'POSITIVE'], [2, 'NEGATIVE']],
    ]);
    // `my-model$2` called version 2's deployment (green); `my-model` the default version 1 (blue)
    const deployments = sentSince(azureml, azuremlBefore).map((request) => request.headers['azureml-model-deployment']);
    expect(deployments.filter((name) => name === 'green').length).toBeGreaterThanOrEqual(2);
    expect(deployments).toContain('blue');
  }, 60_000);

  it('§11.4 AI_TOOL_INVOKE is not supported: LATERAL_ERR_BIND_UNSUPPORTED at the call', async () => {
    const dir = newDataDir();
    const sql = `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${openai.chatUrl}', 'api-key' = '${openai.apiKey}');
CREATE MODEL tool_invoker INPUT (prompt STRING) OUTPUT (response STRING)
  WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'c');
CREATE TABLE t (id INT, prompt STRING);
SELECT id, AI_TOOL_INVOKE('tool_invoker', prompt, MAP['udf_1','desc'], MAP['tool_1','desc']) AS r FROM t;`;
    const run = await lateral(dir, sql);
    const stderr = expectFailure(run, 'LATERAL_ERR_BIND_UNSUPPORTED', positionOf(sql, 'AI_TOOL_INVOKE('));
    expect(stderr).toContain('AI_TOOL_INVOKE');
  });

  it('§11.5 ML_EVALUATE is not supported: LATERAL_ERR_BIND_UNSUPPORTED at the call', async () => {
    const dir = newDataDir();
    const sql = `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${openai.chatUrl}', 'api-key' = '${openai.apiKey}');
CREATE MODEL my_remote_model INPUT (f1 STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c');
CREATE MODEL my_remote_model INPUT (f1 STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c', 'openai.model_version' = 'gpt-4o-mini');
CREATE TABLE eval_table (label STRING, f1 STRING);
SELECT ML_EVALUATE(\`my_remote_model$2\`, label, f1) FROM eval_table;`;
    const run = await lateral(dir, sql);
    const stderr = expectFailure(run, 'LATERAL_ERR_BIND_UNSUPPORTED', positionOf(sql, 'ML_EVALUATE('));
    expect(stderr).toContain('ML_EVALUATE');
  });

  it('§13 the open-source Flink PTF form is another dialect: a syntax error, not a silent misreading', async () => {
    const dir = newDataDir();
    const sql = `SELECT * FROM ML_PREDICT(TABLE t, MODEL m, DESCRIPTOR(text));`;
    const run = await lateral(dir, sql);
    expectFailure(run, 'LATERAL_ERR_PARSE_SYNTAX', { line: 1 });
  });
});
