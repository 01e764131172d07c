import { describe, expect, it } from 'vitest';
import { freshDataDir, ndjson, runCli } from '../support/run-cli.js';

/** The README's main job: examples/quickstart.sql on the built-in models, no network, no key. */
describe('examples/quickstart.sql', () => {
  it('prints labelled rows, then the negative reviews with their 100-dimensional embeddings', async () => {
    const dir = freshDataDir();
    const run = await runCli(['run', 'examples/quickstart.sql', '--data-dir', dir, '--format', 'ndjson'], {
      env: { LATERAL_MODELS: undefined, OPENAI_API_KEY: undefined },
      timeoutMs: 120_000,
    });
    expect(run.stderr).not.toContain('LATERAL_ERR');
    expect(run.code).toBe(0);
    const rows = ndjson(run.stdout);
    expect(rows.slice(0, 5)).toEqual([
      { id: 1, review: 'I love this blender, it is fantastic and quiet.', sentiment: 'POSITIVE' },
      { id: 2, review: 'Terrible support, the replacement part never arrived.', sentiment: 'NEGATIVE' },
      { id: 3, review: 'The box was delivered on Tuesday.', sentiment: 'NEUTRAL' },
      { id: 4, review: 'Great value for the money, works perfectly.', sentiment: 'POSITIVE' },
      { id: 5, review: 'The lid broke after a week. Very disappointed.', sentiment: 'NEGATIVE' },
    ]);
    const negatives = rows.slice(5);
    expect(negatives.map((row) => [row.id, row.sentiment, row.dimensions])).toEqual([
      [2, 'NEGATIVE', 100],
      [5, 'NEGATIVE', 100],
    ]);
    for (const row of negatives) {
      const vector = row.embedding as number[];
      expect(vector).toHaveLength(100);
      expect(vector.reduce((sum, x) => sum + x * x, 0)).toBeCloseTo(1, 4);
    }
    expect(run.stderr).toContain('5 rows inserted into review_insights');
  }, 150_000);
});
