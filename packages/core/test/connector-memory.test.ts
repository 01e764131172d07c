import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinConnectorsPlugin, PluginRegistry, type ConnectorV1, type Row } from '@lateral/core';
import { col, t, table, tempDir } from './query-fixtures.js';

let dir: { path: string; cleanup: () => Promise<void> };
let connector: ConnectorV1;

const docs = table('my docs/v1', [col('id', t.int()), col('body', t.string())]);

async function readAll(): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of connector.read(docs, { dataDir: dir.path })) rows.push(...batch);
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
  it('is registered by the plugin with the filesystem connector', () => {
    expect(builtinConnectorsPlugin.provides).toEqual(['connector:memory', 'connector:filesystem']);
    expect(connector.id).toBe('memory');
  });

  it('counts rows without decoding them, as many as a read yields', async () => {
    expect(await connector.countRows!(docs, { dataDir: dir.path })).toBe(0);
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write(Array.from({ length: 2500 }, (_, i): Row => [i, `body with a\nnewline ${i}`]));
    await sink.close();
    expect(await connector.countRows!(docs, { dataDir: dir.path })).toBe(2500);
    expect((await readAll()).length).toBe(2500);
  });

  it('reads nothing from a table never written', async () => {
    expect(await readAll()).toEqual([]);
  });

  it('appends NDJSON under <dataDir>/tables with a file-safe name', async () => {
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write([[1, 'a']]);
    await sink.write([[2, null]]);
    await sink.close();
    expect(await readdir(join(dir.path, 'tables'))).toEqual(['my%20docs%2Fv1.ndjson']);
    expect(await readFile(join(dir.path, 'tables', 'my%20docs%2Fv1.ndjson'), 'utf8')).toBe('{"id":1,"body":"a"}\n{"id":2,"body":null}\n');
    expect(await readAll()).toEqual([
      [1, 'a'],
      [2, null],
    ]);
  });

  it('drops what an aborted statement wrote', async () => {
    const first = await connector.openSink(docs, { dataDir: dir.path });
    await first.write([[1, 'kept']]);
    await first.close();
    const second = await connector.openSink(docs, { dataDir: dir.path });
    await second.write([[2, 'lost']]);
    await second.abort();
    expect(await readAll()).toEqual([[1, 'kept']]);
  });

  it('reads in bounded batches', async () => {
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write(Array.from({ length: 2500 }, (_, i) => [i, `row ${i}`]));
    await sink.close();
    const sizes: number[] = [];
    for await (const batch of connector.read(docs, { dataDir: dir.path })) sizes.push(batch.length);
    expect(sizes).toEqual([1024, 1024, 452]);
  });

  it('deletes its file on drop and takes no options', async () => {
    const sink = await connector.openSink(docs, { dataDir: dir.path });
    await sink.write([[1, 'a']]);
    await sink.close();
    await connector.drop!(docs, { dataDir: dir.path });
    expect(await readdir(join(dir.path, 'tables'))).toEqual([]);
    await connector.drop!(docs, { dataDir: dir.path });
    expect(connector.validate({ ...docs, options: { connector: 'memory', path: 'x' } })).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_UNKNOWN', option: 'path' }),
    ]);
  });
});
