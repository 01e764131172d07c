import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleAIFake, type GoogleAIFake } from '../fakes/googleai-fake.js';
import { storedDocuments } from '../../packages/core/test/store-test-kit.js';
import { expectNoSecrets, expectSuccess, lateral, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * A key written into the endpoint URL (`?key=…`, as Gemini's REST examples do) is a credential:
 * the store's catalog document does not hold it (the secrets document of the same 0600 store does), DESCRIBE and SHOW CREATE show `*****`, and calls still send it.
 */
let fake: GoogleAIFake;
beforeAll(async () => {
  fake = await startGoogleAIFake({ apiKey: 'AIzaSy-e2e-url-key-0123456789' });
});
afterAll(() => fake.close());

describe('endpoint URLs with keys', () => {
  it('keeps ?key= out of the stored catalog and out of DESCRIBE / SHOW CREATE, and still sends it', async () => {
    const dir = newDataDir();
    const endpoint = `${fake.endpoint('gemini-2.0-flash')}?key=${fake.apiKey}`;
    const create = await lateral(dir, `CREATE CONNECTION gem WITH ('type' = 'googleai', 'endpoint' = '${endpoint}', 'api-key' = '${fake.apiKey}');`);
    expectSuccess(create);
    const stored = storedDocuments(dir);
    expect(stored.catalog).toContain('gemini-2.0-flash');
    expect(stored.catalog).not.toContain(fake.apiKey);
    expect(stored.secrets).toContain(fake.apiKey);

    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `DESCRIBE CONNECTION gem;
       SHOW CREATE CONNECTION gem;
       CREATE MODEL writer INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'googleai', 'task' = 'text_generation', 'googleai.connection' = 'gem');
       CREATE TABLE t (prompt STRING);
       INSERT INTO t VALUES ('Say hello');
       SELECT p.response IS NOT NULL AS answered FROM t, LATERAL TABLE(ML_PREDICT('writer', t.prompt)) p;`,
    );
    expectSuccess(run);
    expect(run.stdout).toContain('?key=*****');
    expect(run.rows.at(-1)).toEqual({ answered: true });
    expectNoSecrets(run, [fake.apiKey]);
    const sent = sentSince(fake, before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.query.get('key')).toBe(fake.apiKey);
    expect(storedDocuments(dir).catalog).not.toContain(fake.apiKey);
  });
});
