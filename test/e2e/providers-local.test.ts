import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCopy, expectSuccess, lateral, lateralFile, newDataDir } from './fixtures/cli-kit.js';

/**
 * The built-in models through the CLI, under both provider names (`local` and `confluent`): no
 * network, no key, no connection. One data directory serves the whole file, so the GloVe cache
 * is built once.
 */
let dir: string;
beforeAll(() => {
  dir = newDataDir();
});

function norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe('local and confluent providers through the CLI', () => {
  it('runs examples/providers/local.sql: a label and a 100-d vector per review', async () => {
    const file = exampleCopy(dir, 'local.sql', []);
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, sentiment: 'POSITIVE', dimensions: 100 },
      { id: 2, sentiment: 'NEGATIVE', dimensions: 100 },
      { id: 3, sentiment: 'NEUTRAL', dimensions: 100 },
    ]);
  }, 60_000);

  it('the same models under both provider names give the same answers, in the worker pool', async () => {
    const run = await lateral(
      dir,
      `CREATE MODEL s_local INPUT (text STRING) OUTPUT (sentiment STRING)
         WITH ('provider' = 'local', 'task' = 'classification', 'local.model' = 'sentiment-en');
       CREATE MODEL s_confluent INPUT (text STRING) OUTPUT (sentiment STRING)
         WITH ('PROVIDER' = 'CONFLUENT', 'task' = 'CLASSIFICATION', 'confluent.model' = 'sentiment-en',
               'confluent.params.labels' = 'yes,no,maybe');
       CREATE MODEL e_local INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
         WITH ('provider' = 'local', 'task' = 'embedding', 'local.model' = 'glove-100d');
       CREATE MODEL e_confluent INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
         WITH ('provider' = 'confluent', 'task' = 'embedding', 'confluent.model' = 'glove-100d');
       CREATE TABLE notes (id INT, note STRING);
       INSERT INTO notes VALUES (1, 'What a wonderful, happy day'), (2, 'This is awful and sad');
       SELECT n.id, a.sentiment AS local_label, b.sentiment AS confluent_label, x.embedding AS local_vector, y.embedding AS confluent_vector
       FROM notes n,
            LATERAL TABLE(ML_PREDICT('s_local', n.note)) a,
            LATERAL TABLE(ML_PREDICT('s_confluent', n.note)) b,
            LATERAL TABLE(AI_EMBEDDING('e_local', n.note)) x,
            LATERAL TABLE(AI_EMBEDDING('e_confluent', n.note)) y;`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows.map(({ id, local_label, confluent_label }) => ({ id, local_label, confluent_label }))).toEqual([
      { id: 1, local_label: 'POSITIVE', confluent_label: 'yes' },
      { id: 2, local_label: 'NEGATIVE', confluent_label: 'no' },
    ]);
    for (const row of run.rows) {
      const local = row.local_vector as number[];
      expect(local).toHaveLength(100);
      expect(row.confluent_vector).toEqual(local);
      expect(norm(local)).toBeCloseTo(1, 4);
    }
    expect(run.rows[0]!.local_vector).not.toEqual(run.rows[1]!.local_vector);
  }, 60_000);
});
