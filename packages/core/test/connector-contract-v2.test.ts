import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinConnectorsPlugin, PluginRegistry, type ConnectorV1, type ConnectorV2, type Row, type TableSink } from '@lateral/core';
import { openEngine, rowsOf, run, temporaryDataDir, testRegistry } from './engine-test-kit.js';
import { col, t, table, tempDir } from './query-fixtures.js';
import { storedChunkCount } from './store-test-kit.js';

type Call =
  | { call: 'write'; rows: Row[] }
  | { call: 'flush' }
  | { call: 'commit'; positions: unknown }
  | { call: 'abort' }
  | { call: 'source committed'; positions: unknown };

/** A log-like source (three batches, each with the offset after it) and a sink that records every call. */
function probeConnector(calls: Call[], options: { failOnRow?: number } = {}): ConnectorV2 {
  return {
    specificationVersion: 'v2',
    id: 'probe',
    bounded: true,
    validate: () => [],
    source: () => ({
      bounded: true,
      async *read() {
        for (let offset = 0; offset < 3; offset += 1) {
          if (options.failOnRow === offset) throw new Error(`broken record at offset ${offset}`);
          yield { rows: [[offset]], positions: { partition0: offset + 1 } };
        }
      },
      committed: async (positions) => void calls.push({ call: 'source committed', positions }),
    }),
    openSink: async () => ({
      write: async (rows) => void calls.push({ call: 'write', rows }),
      flush: async () => void calls.push({ call: 'flush' }),
      commit: async (positions) => void calls.push({ call: 'commit', positions }),
      abort: async () => void calls.push({ call: 'abort' }),
    }),
  };
}

let data: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  data = await temporaryDataDir();
});
afterEach(() => data.cleanup());

describe('contract v2 through INSERT INTO ... SELECT', () => {
  it('a bounded INSERT writes every batch, flushes, commits once with the positions where the read stopped, then tells the source', async () => {
    const calls: Call[] = [];
    const registry = testRegistry();
    registry.registerConnector(probeConnector(calls));
    const engine = await openEngine(data.dir, { registry });
    await run(engine, "CREATE TABLE src (id INT) WITH ('connector' = 'probe'); CREATE TABLE dst (id INT) WITH ('connector' = 'probe');");
    await run(engine, 'INSERT INTO dst SELECT id FROM src');
    expect(calls.map((entry) => entry.call)).toEqual(['write', 'write', 'write', 'flush', 'commit', 'source committed']);
    expect(calls.slice(-2)).toEqual([
      { call: 'commit', positions: { partition0: 3 } },
      { call: 'source committed', positions: { partition0: 3 } },
    ]);
  });

  it('a failed read aborts the sink and commits nothing, at the sink or at the source', async () => {
    const calls: Call[] = [];
    const registry = testRegistry();
    registry.registerConnector(probeConnector(calls, { failOnRow: 2 }));
    const engine = await openEngine(data.dir, { registry });
    await run(engine, "CREATE TABLE src (id INT) WITH ('connector' = 'probe'); CREATE TABLE dst (id INT) WITH ('connector' = 'probe');");
    await expect(run(engine, 'INSERT INTO dst SELECT id FROM src')).rejects.toThrow('broken record at offset 2');
    expect(calls.map((entry) => entry.call)).toEqual(['write', 'write', 'abort']);
  });

  it('memory to memory: positions flow and the result is as before (rows visible once committed)', async () => {
    const engine = await openEngine(data.dir);
    await run(engine, 'CREATE TABLE a (id INT); CREATE TABLE b (id INT); INSERT INTO a VALUES (1), (2), (3); INSERT INTO b SELECT id FROM a;');
    expect(await rowsOf(engine, 'SELECT id FROM b')).toEqual([[1], [2], [3]]);
  });
});

describe('memory sink (contract v2)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let memory: ConnectorV2;
  const docs = table('docs', [col('id', t.int())]);
  const ids = async (): Promise<number[]> => {
    const found: number[] = [];
    for await (const batch of memory.source(docs, { dataDir: dir.path }).read()) found.push(...batch.rows.map((row) => row[0] as number));
    return found;
  };
  beforeEach(async () => {
    dir = await tempDir();
    const registry = new PluginRegistry();
    registry.registerPlugin(builtinConnectorsPlugin);
    memory = registry.connector('memory')!;
  });
  afterEach(() => dir.cleanup());

  it('flush is a durable point: the rows are stored, invisible to readers until commit', async () => {
    const sink = await memory.openSink(docs, { dataDir: dir.path });
    await sink.write([[1], [2]]);
    expect(storedChunkCount(dir.path, 'docs')).toBe(0);
    await sink.flush();
    expect(storedChunkCount(dir.path, 'docs')).toBe(1);
    expect(await ids()).toEqual([]);
    await sink.commit({ rows: 2 });
    expect(await ids()).toEqual([1, 2]);
  });

  it('abort after a flush discards what was flushed', async () => {
    const sink = await memory.openSink(docs, { dataDir: dir.path });
    await sink.write([[1]]);
    await sink.flush();
    await sink.abort();
    expect(storedChunkCount(dir.path, 'docs')).toBe(0);
    expect(await ids()).toEqual([]);
  });

  it('keeps accepting writes after a commit (a stream commits repeatedly); abort drops only what followed the last commit', async () => {
    const sink = await memory.openSink(docs, { dataDir: dir.path });
    await sink.write([[1]]);
    await sink.commit({ rows: 1 });
    await sink.write([[2]]);
    await sink.commit({ rows: 2 });
    await sink.write([[3]]);
    await sink.flush();
    await sink.abort();
    expect(await ids()).toEqual([1, 2]);
  });

  it('reports positions: the rows read so far after each batch', async () => {
    const sink = await memory.openSink(docs, { dataDir: dir.path });
    await sink.write(Array.from({ length: 1500 }, (_, i): Row => [i]));
    await sink.commit();
    const positions: unknown[] = [];
    const source = memory.source(docs, { dataDir: dir.path });
    expect(source.bounded).toBe(true);
    for await (const batch of source.read()) positions.push(batch.positions);
    expect(positions).toEqual([{ rows: 1024 }, { rows: 1500 }]);
  });
});

describe('a v1 connector is still accepted, adapted to v2', () => {
  it('is registered as v2: bounded reads without positions, commit closes its sink', async () => {
    const log: string[] = [];
    const legacy: ConnectorV1 = {
      specificationVersion: 'v1',
      id: 'legacy',
      validate: () => [],
      async *read() {
        yield [[1]];
      },
      openSink: async (): Promise<TableSink> => ({
        write: async (rows) => void log.push(`write ${rows.length}`),
        close: async () => void log.push('close'),
        abort: async () => void log.push('abort'),
      }),
    };
    const registry = new PluginRegistry();
    registry.registerConnector(legacy);
    const adapted = registry.connector('legacy')!;
    expect(adapted.specificationVersion).toBe('v2');
    expect(adapted.bounded).toBe(true);
    const batches = [];
    const source = adapted.source(table('x', []), { dataDir: '/unused' });
    for await (const batch of source.read()) batches.push(batch);
    expect(batches).toEqual([{ rows: [[1]] }]);
    const sink = await adapted.openSink(table('x', []), { dataDir: '/unused' });
    await sink.write([[1], [2]]);
    await sink.flush();
    await sink.commit({ ignored: true });
    expect(log).toEqual(['write 2', 'close']);
  });

  it('refuses a connector of a contract the kernel does not know', () => {
    const registry = new PluginRegistry();
    expect(() => registry.registerConnector({ specificationVersion: 'v3', id: 'future' } as never)).toThrow("connector 'future' implements contract v3; this kernel supports v1, v2.");
  });
});
