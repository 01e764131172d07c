import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinConnectorsPlugin, PluginRegistry, type ConnectorV2, type Row } from '@lateral/core';
import { col, t, table, tempDir } from './query-fixtures.js';
import { storedChunkCount } from './store-test-kit.js';

let dir: { path: string; cleanup: () => Promise<void> };
let connector: ConnectorV2;

const docs = table('my docs/v1', [col('id', t.int()), col('body', t.string())]);

async function readAll(): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of connector.source(docs, { dataDir: dir.path }).read()) rows.push(...batch.rows);
  return rows;
}

beforeEach(async () => {
  dir = await tempDir();
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinConnectorsPlugin);
  connector = registry.connector('memory')!;
});
afterEach(() => dir.cleanup());

describe('memory connector', () => {
  it('is the connector core registers itself (the filesystem connector is a package)', () => {
    expect(builtinConnectorsPlugin.provides).toEqual(['connector:memory']);
    expect(connector.id).toBe('memory');
  });

  it('counts rows without decoding them, as many as a read yields', async () => {
    expect(await connector.countRows!(docs, { dataDir: dir.path })).toBe(0);
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write(Array.from({ length: 2500 }, (_, i): Row => [i, `body with a\nnewline ${i}`]));
    await sink.flush();
    await sink.commit();
    expect(await connector.countRows!(docs, { dataDir: dir.path })).toBe(2500);
    expect((await readAll()).length).toBe(2500);
  });

  it('reads nothing from a table never written', async () => {
    expect(await readAll()).toEqual([]);
  });

  it('keeps rows in the data directory store (lateral.db, owner-only), whatever the table name', async () => {
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write([[1, 'a']]);
    await sink.write([[2, null]]);
    await sink.flush();
    await sink.commit();
    expect((await readdir(dir.path)).filter((name) => !name.startsWith('lateral.db'))).toEqual([]);
    expect((await stat(join(dir.path, 'lateral.db'))).mode & 0o777).toBe(0o600);
    expect(await readAll()).toEqual([
      [1, 'a'],
      [2, null],
    ]);
  });

  it('shows readers only committed rows: an INSERT in progress is invisible, then visible whole', async () => {
    const running = await connector.openSink(docs, { dataDir: dir.path });
    // More than one chunk is written to the store before the commit.
    for (let index = 0; index < 10; index += 1) await running.write(Array.from({ length: 1000 }, (_, i) => [index * 1000 + i, 'x'.repeat(20)]));
    expect(storedChunkCount(dir.path, docs.name)).toBeGreaterThan(1);
    expect(await readAll()).toEqual([]);
    await running.flush();
    await running.commit();
    expect(await readAll()).toHaveLength(10_000);
  });

  it('a read sees the INSERTs committed when it started, not one committed while it reads', async () => {
    const first = await connector.openSink(docs, { dataDir: dir.path });
    await first.write(Array.from({ length: 3000 }, (_, i) => [i, 'first']));
    await first.flush();
    await first.commit();
    const reader = connector.source(docs, { dataDir: dir.path }).read()[Symbol.asyncIterator]();
    const firstBatch = await reader.next();
    const second = await connector.openSink(docs, { dataDir: dir.path });
    await second.write([[-1, 'second']]);
    await second.flush();
    await second.commit();
    let count = (firstBatch.value as { rows: Row[] }).rows.length;
    for (let next = await reader.next(); !next.done; next = await reader.next()) count += next.value.rows.length;
    expect(count).toBe(3000);
  });

  it('an abort removes only its own rows, not rows another INSERT committed meanwhile', async () => {
    const failing = await connector.openSink(docs, { dataDir: dir.path });
    await failing.write(Array.from({ length: 5000 }, (_, i) => [i, 'y'.repeat(40)]));
    const other = await connector.openSink(docs, { dataDir: dir.path });
    await other.write(Array.from({ length: 50 }, (_, i) => [100_000 + i, 'committed']));
    await other.flush();
    await other.commit();
    await failing.write([[9, 'more']]);
    await failing.abort();
    const rows = await readAll();
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => row[1] === 'committed')).toBe(true);
    expect(storedChunkCount(dir.path, docs.name)).toBe(1);
  });

  it('drops what an aborted statement wrote', async () => {
    const first = await connector.openSink(docs, { dataDir: dir.path });
    await first.write([[1, 'kept']]);
    await first.flush();
    await first.commit();
    const second = await connector.openSink(docs, { dataDir: dir.path });
    await second.write([[2, 'lost']]);
    await second.abort();
    expect(await readAll()).toEqual([[1, 'kept']]);
  });

  it('reads in bounded batches', async () => {
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write(Array.from({ length: 2500 }, (_, i) => [i, `row ${i}`]));
    await sink.flush();
    await sink.commit();
    const sizes: number[] = [];
    for await (const { rows: batch } of connector.source(docs, { dataDir: dir.path }).read()) sizes.push(batch.length);
    expect(sizes).toEqual([1024, 1024, 452]);
  });

  it('takes no options', () => {
    expect(connector.validate({ ...docs, options: { connector: 'memory', path: 'x' } })).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_UNKNOWN', option: 'path' }),
    ]);
  });
});
