import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { freshDataDir, ndjson, REPO_ROOT, runCli } from '../support/run-cli.js';

/** The seed's sentiment example as shipped, pointed at the fake instead of api.openai.com. */
function sentimentExampleFor(fake: OpenAIFake, dir: string): string {
  const sql = readFileSync(join(REPO_ROOT, 'examples/sentiment.sql'), 'utf8').replace(
    'https://api.openai.com/v1/chat/completions',
    fake.chatUrl,
  );
  const file = join(dir, 'sentiment.sql');
  writeFileSync(file, sql);
  return file;
}

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake();
});
afterAll(() => fake.close());

describe('lateral run examples/sentiment.sql', () => {
  it('prints the three rows with a sentiment column (table format)', async () => {
    const dir = freshDataDir();
    const run = await runCli(['run', sentimentExampleFor(fake, dir), '--data-dir', dir], { env: { OPENAI_API_KEY: fake.apiKey } });
    // A script's messages go to stderr in every format, so stdout holds only the table.
    expect(run.stderr).not.toContain('LATERAL_ERR');
    expect(run.stderr).toContain('3 rows inserted');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('┌')).toBe(true);
    expect(run.stdout).toMatch(/\bsentiment\b/);
    expect(run.stdout).toContain('3 rows in set');
    for (const label of ['POSITIVE', 'NEGATIVE', 'NEUTRAL']) expect(run.stdout).toContain(label);
  });

  it('prints exactly one JSON object per row with --format ndjson, messages on stderr', async () => {
    const dir = freshDataDir();
    const run = await runCli(['run', sentimentExampleFor(fake, dir), '--data-dir', dir, '--format', 'ndjson'], {
      env: { OPENAI_API_KEY: fake.apiKey },
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(ndjson(run.stdout)).toEqual([
      { id: 1, text: 'I love how fast this arrived, great service!', sentiment: 'POSITIVE' },
      { id: 2, text: 'The screen cracked on day one. Terrible.', sentiment: 'NEGATIVE' },
      { id: 3, text: 'The parcel was left at the front desk.', sentiment: 'NEUTRAL' },
    ]);
    expect(run.stderr).toContain('3 rows inserted');
  });

  it('sends the real OpenAI request: bearer key, model, system prompt, user text', async () => {
    const before = fake.requests.length;
    const dir = freshDataDir();
    const run = await runCli(['run', sentimentExampleFor(fake, dir), '--data-dir', dir, '--format', 'csv'], {
      env: { OPENAI_API_KEY: fake.apiKey },
    });
    expect(run.code).toBe(0);
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(request.json).toMatchObject({
        model: 'gpt-3.5-turbo',
        messages: [
          { role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' },
          { role: 'user', content: expect.any(String) },
        ],
      });
    }
    expect(run.stdout.split('\n')[0]).toBe('id,text,sentiment');
  });

  it('keeps the key out of the catalog files: it is read from the environment at run time', async () => {
    const dir = freshDataDir();
    const run = await runCli(['run', sentimentExampleFor(fake, dir), '--data-dir', dir, '--format', 'json'], {
      env: { OPENAI_API_KEY: fake.apiKey },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(3);
    // The store (and its write-ahead log, if any) as raw bytes: SQLite keeps text as written.
    const stored = readdirSync(dir)
      .filter((file) => file.startsWith('lateral.db'))
      .map((file) => readFileSync(join(dir, file), 'latin1'))
      .join('\n');
    expect(stored).not.toContain(fake.apiKey);
    expect(stored).toContain('${env:OPENAI_API_KEY}');
  });
});
