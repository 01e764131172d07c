import { afterEach, describe, expect, it } from 'vitest';
import { plugin as openaiPlugin } from '@lateral/provider-openai';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { useSqlEngine } from '../providers/sql-engine-kit.js';

/**
 * An undeclared low limit slows the job down instead of failing it: the fake allows 12 requests
 * a minute (a burst of 12, then one every 5 s) and answers 429 with `retry-after` up to 5 s, far
 * above the call's client_timeout of 2 s. client_timeout bounds one call, not a row's wait for
 * capacity, so every row is answered exactly once (before, rows gave up with
 * LATERAL_ERR_PROVIDER_TIMEOUT once their wait passed client_timeout).
 */
const runScript = useSqlEngine(openaiPlugin, 'pacing-low-limit');
let fake: OpenAIFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('an undeclared low rate limit', () => {
  it('paces a job through 429s with retry-after longer than client_timeout, every row exactly once', async () => {
    fake = await startOpenAIFake({ rateLimit: { requestsPerMinute: 12, retryAfter: true } });
    const rows = 16;
    const values = Array.from({ length: rows }, (_, index) => `(${index + 1}, 'review number ${index + 1} was great')`).join(', ');
    const result = await runScript(`
      CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '${fake.apiKey}');
      CREATE MODEL m INPUT (text STRING) OUTPUT (sentiment STRING)
        WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c', 'openai.model_version' = 'gpt-4o-mini');
      CREATE TABLE reviews (id INT, text STRING);
      INSERT INTO reviews VALUES ${values};
      SELECT id, sentiment FROM reviews, LATERAL TABLE(ML_PREDICT('m', text, MAP['client_timeout', 2, 'max_parallelism', 4]));
    `);
    expect(result.map((row) => row[0])).toEqual(Array.from({ length: rows }, (_, index) => index + 1));
    expect(fake.bucket?.rejected).toBeGreaterThan(0);
    // Every request the fake did not refuse answered one row: no row was sent twice.
    expect(fake.requests.length - (fake.bucket?.rejected ?? 0)).toBe(rows);
  }, 60_000);
});
