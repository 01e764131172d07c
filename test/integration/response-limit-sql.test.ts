import { afterEach, describe, expect, it } from 'vitest';
import { plugin as openaiPlugin } from '@lateral/provider-openai';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { useSqlEngine } from '../providers/sql-engine-kit.js';

/** The response size cap from SQL: a connection's 'max-response-bytes', a model's '<p>.max_response_bytes'. */
const runScript = useSqlEngine(openaiPlugin, 'response-limit');
let fake: OpenAIFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function script(url: string, key: string, connectionOption: string, modelOption: string): string {
  const values = Array.from({ length: 50 }, (_, index) => `(${index + 1}, 'text number ${index + 1}')`).join(', ');
  return `
    CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${url}', 'api-key' = '${key}'${connectionOption});
    CREATE MODEL m INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
      WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'c'${modelOption});
    CREATE TABLE texts (id INT, text STRING);
    INSERT INTO texts VALUES ${values};
    SELECT id, embedding FROM texts, LATERAL TABLE(ML_PREDICT('m', text));
  `;
}

async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
}

describe('response size limit from SQL options', () => {
  it("fails a response over the connection's 'max-response-bytes' with a coded error, without retrying", async () => {
    fake = await startOpenAIFake();
    const error = await failureOf(runScript(script(fake.embeddingsUrl, fake.apiKey, ", 'max-response-bytes' = '2000'", '')));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE');
    expect(error.message).toContain('over the limit of 2000 bytes');
    expect(fake.requests).toHaveLength(1);
  });

  it("lets the model's max_response_bytes raise the connection's limit", async () => {
    fake = await startOpenAIFake();
    const rows = await runScript(script(fake.embeddingsUrl, fake.apiKey, ", 'max-response-bytes' = '2000'", ", 'openai.max_response_bytes' = '1000000'"));
    expect(rows).toHaveLength(50);
  });

  it('rejects a max-response-bytes that is not a positive integer at CREATE CONNECTION', async () => {
    fake = await startOpenAIFake();
    const error = await failureOf(runScript(script(fake.embeddingsUrl, fake.apiKey, ", 'max-response-bytes' = 'lots'", '')));
    expect(error.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error.message).toContain('max-response-bytes');
  });
});
