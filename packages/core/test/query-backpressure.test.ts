import { describe, expect, it } from 'vitest';
import type { QueryStatement } from '@lateral/parser';
import { executeQuery } from '@lateral/core';
import { col, createContext, FakeRuntime, generatorConnector, parseOne, t, table } from './query-fixtures.js';

const ROWS = 100_000;
const SOURCE_BATCH = 1000;

/**
 * Streams 100k rows through a lateral call and checks, at every batch the consumer receives, how
 * many rows the source has produced beyond the last row the consumer has taken (rows are numbered
 * by the source): a pipeline that buffered (materialised the scan, or ran ahead of the model)
 * would show tens of thousands here.
 */
async function streamThrough(sql: string): Promise<{ consumed: number; maxAhead: number; runtime: FakeRuntime }> {
  const stats = { produced: 0 };
  const runtime = new FakeRuntime({ recordInputs: false });
  const context = createContext({
    dataDir: '/nonexistent-lateral-dir',
    runtime,
    connectors: [generatorConnector(stats)],
    tables: [table('big', [col('id', t.int()), col('body', t.string())], { connector: 'generator', rows: String(ROWS), batch: String(SOURCE_BATCH) })],
  });
  const result = await executeQuery(parseOne<QueryStatement>(sql), context);
  let consumed = 0;
  let maxAhead = 0;
  let lastId = -1;
  let inOrder = true;
  for await (const batch of result.rows) {
    for (const row of batch) {
      inOrder &&= (row[0] as number) > lastId;
      lastId = row[0] as number;
    }
    maxAhead = Math.max(maxAhead, stats.produced - (lastId + 1));
    consumed += batch.length;
  }
  expect(inOrder).toBe(true);
  return { consumed, maxAhead, runtime };
}

describe('streaming with bounded memory', () => {
  it('runs 100k rows through a lateral without holding them', async () => {
    const { consumed, maxAhead, runtime } = await streamThrough("SELECT id, s.summary FROM big, LATERAL TABLE(ML_PREDICT('summarizer', body)) s");
    expect(consumed).toBe(ROWS);
    expect(maxAhead).toBeLessThanOrEqual(2 * SOURCE_BATCH);
    expect(runtime.sessions[0]!.pulled).toBe(ROWS);
    expect(runtime.sessions[0]!.maxInFlight).toBeLessThanOrEqual(SOURCE_BATCH);
  });

  it('stays bounded through filters and chained calls', async () => {
    const { consumed, maxAhead, runtime } = await streamThrough(
      `SELECT id, e.embedding FROM big,
         LATERAL TABLE(ML_PREDICT('summarizer', body)) s,
         LATERAL TABLE(AI_EMBEDDING('emb', s.summary)) e
       WHERE id % 2 = 0`,
    );
    expect(consumed).toBe(ROWS / 2);
    expect(maxAhead).toBeLessThanOrEqual(3 * SOURCE_BATCH);
    expect(runtime.sessions.map((s) => s.pulled)).toEqual([ROWS / 2, ROWS / 2]);
  });
});

describe('cancellation', () => {
  it('stops reading with LATERAL_ERR_ABORTED once the statement is cancelled', async () => {
    const stats = { produced: 0 };
    const controller = new AbortController();
    const context = {
      ...createContext({
        dataDir: '/nonexistent-lateral-dir',
        runtime: new FakeRuntime({ recordInputs: false }),
        connectors: [generatorConnector(stats)],
        tables: [table('big', [col('id', t.int()), col('body', t.string())], { connector: 'generator', rows: String(ROWS), batch: String(SOURCE_BATCH) })],
      }),
      signal: controller.signal,
    };
    const result = await executeQuery(parseOne<QueryStatement>("SELECT id FROM big, LATERAL TABLE(ML_PREDICT('summarizer', body))"), context);
    const iterator = result.rows[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(SOURCE_BATCH);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED' });
    expect(stats.produced).toBeLessThanOrEqual(3 * SOURCE_BATCH);
  });
});
