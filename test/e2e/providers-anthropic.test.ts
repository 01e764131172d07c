import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_FAKE_MODEL, startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/** Anthropic through the CLI: ANTHROPIC-MESSAGES, `x-api-key` + `anthropic-version`, strict body checks by the fake. */
let fake: AnthropicFake;
beforeAll(async () => {
  fake = await startAnthropicFake();
});
afterAll(() => fake.close());

describe('anthropic through the CLI', () => {
  it('runs examples/providers/anthropic.sql: one sentiment per review', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'anthropic.sql', [['https://api.anthropic.com', fake.url]]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { ANTHROPIC_API_KEY: fake.apiKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, review: 'I love this blender, it is fantastic and quiet.', sentiment: 'POSITIVE' },
      { id: 2, review: 'Terrible support, the replacement part never arrived.', sentiment: 'NEGATIVE' },
      { id: 3, review: 'The box was delivered on Tuesday.', sentiment: 'NEUTRAL' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      expect(request.path).toBe('/v1/messages');
      expect(request.headers['x-api-key']).toBe(fake.apiKey);
      expect(request.headers['anthropic-version']).toBe('2023-06-01');
      expect(request.json).toMatchObject({
        model: ANTHROPIC_FAKE_MODEL,
        max_tokens: 16,
        system: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
        messages: [{ role: 'user', content: [{ type: 'text', text: expect.any(String) }] }],
      });
    }
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('AI_COMPLETE with a literal key and the default max_tokens, in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION claude WITH ('type' = 'anthropic', 'endpoint' = '${fake.messagesUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL description_extractor INPUT (prompt STRING) OUTPUT (output_json STRING)
         WITH ('provider' = 'anthropic', 'task' = 'text_generation', 'anthropic.connection' = 'claude',
               'anthropic.model_version' = 'claude-sonnet-4-5', 'anthropic.input_format' = 'ANTHROPIC-MESSAGES',
               'anthropic.params.temperature' = '0.3');
       CREATE TABLE claims (id INT, description STRING);
       INSERT INTO claims VALUES (1, 'Happy with the quick payout'), (2, 'The roof was damaged and the adjuster was awful');
       SELECT id, output_json FROM claims, LATERAL TABLE(AI_COMPLETE('description_extractor', description));`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, output_json: 'POSITIVE' },
      { id: 2, output_json: 'NEGATIVE' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      // max_tokens is required by the Messages API: the format supplies a default
      expect(request.json).toMatchObject({ model: 'claude-sonnet-4-5', temperature: 0.3, max_tokens: expect.any(Number) });
      expect(request.json).not.toHaveProperty('system');
    }
  });
});
