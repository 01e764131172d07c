import { afterEach, describe, expect, it } from 'vitest';
import { plugin } from '@lateral/provider-bedrock';
import { BEDROCK_FAKE_CREDENTIALS, startBedrockFake, type BedrockFake } from '../../../test/fakes/bedrock-fake.js';
import { useSqlEngine } from '../../../test/providers/sql-engine-kit.js';

/** The whole path: CREATE CONNECTION / CREATE MODEL validated by core's catalog, ML_PREDICT through the runtime. */
let fake: BedrockFake | undefined;
const runScript = useSqlEngine(plugin, 'bedrock');

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('bedrock from SQL', () => {
  it('classifies rows with Claude through the fake', async () => {
    fake = await startBedrockFake();
    const rows = await runScript(`
      CREATE CONNECTION bedrock_claude WITH (
        'type' = 'bedrock',
        'endpoint' = '${fake.url}/model/anthropic.claude-3-haiku-20240307-v1:0/invoke',
        'aws-access-key' = '${BEDROCK_FAKE_CREDENTIALS.accessKeyId}',
        'aws-secret-key' = '${BEDROCK_FAKE_CREDENTIALS.secretAccessKey}',
        'region' = 'us-east-1');
      CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING)
        WITH ('provider' = 'bedrock', 'task' = 'classification', 'bedrock.connection' = 'bedrock_claude');
      CREATE TABLE reviews (id INT, text STRING);
      INSERT INTO reviews VALUES (1, 'I love this'), (2, 'terrible service'), (3, 'it arrived');
      SELECT id, label FROM reviews, LATERAL TABLE(ML_PREDICT('sentiment', text));
    `);
    expect(rows).toEqual([
      [1, 'POSITIVE'],
      [2, 'NEGATIVE'],
      [3, 'NEUTRAL'],
    ]);
    expect(fake.requests).toHaveLength(3);
  });

  it('CREATE CONNECTION (not CREATE MODEL) fails when the endpoint host names no region and the connection has none', async () => {
    fake = await startBedrockFake();
    const error = await runScript(`
      CREATE CONNECTION no_region WITH (
        'type' = 'bedrock',
        'endpoint' = '${fake.url}/model/amazon.titan-text-express-v1/invoke',
        'aws-access-key' = 'AKIDEXAMPLE', 'aws-secret-key' = 'some-secret-value');
      CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
        WITH ('provider' = 'bedrock', 'task' = 'classification', 'bedrock.connection' = 'no_region');
    `).then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );
    expect(error?.message).toContain("set the connection option 'region'");
    // The first statement, CREATE CONNECTION, is the one that fails.
    expect((error as Error & { details?: Record<string, unknown> }).details?.statementIndex).toBe(0);
    expect(error?.message).not.toContain('some-secret-value');
    expect(fake.requests).toHaveLength(0);
  });
});
