import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorV2, Row } from '@lateral/core';
import { col, t, table } from '../../core/test/query-fixtures.js';
import { filesystemFixture, type TempDir } from './filesystem-fixture.js';

let dir: TempDir;
let connector: ConnectorV2;

const fsTable = (path: string) => table('t', [col('id', t.int())], { connector: 'filesystem', path, format: 'json' });
const context = () => ({ dataDir: join(dir.path, 'data') });
const rows = (...ids: number[]): Row[] => ids.map((id) => [id]);
const inProgress = async (directory: string): Promise<string[]> => (await readdir(directory)).filter((name) => name.includes('.inprogress-'));

beforeEach(async () => {
  ({ dir, connector } = await filesystemFixture());
});
afterEach(() => dir.cleanup());

describe('filesystem sink (contract v2)', () => {
  it('flush is a durable point: the rows are on disk in the in-progress file, the target unchanged until commit', async () => {
    const file = join(dir.path, 'out.json');
    await writeFile(file, '{"id":0}\n');
    const sink = await connector.openSink(fsTable(file), context());
    await sink.write(rows(1, 2));
    const [hidden] = await inProgress(dir.path);
    expect(await readFile(join(dir.path, hidden!), 'utf8')).toBe('');
    await sink.flush();
    expect(await readFile(join(dir.path, hidden!), 'utf8')).toBe('{"id":1}\n{"id":2}\n');
    expect(await readFile(file, 'utf8')).toBe('{"id":0}\n');
    await sink.commit({ rows: 2 });
    expect(await readFile(file, 'utf8')).toBe('{"id":0}\n{"id":1}\n{"id":2}\n');
    expect(await inProgress(dir.path)).toEqual([]);
  });

  it('abort after a flush discards the flushed rows', async () => {
    const file = join(dir.path, 'out.json');
    const sink = await connector.openSink(fsTable(file), context());
    await sink.write(rows(1));
    await sink.flush();
    await sink.abort();
    expect(await inProgress(dir.path)).toEqual([]);
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('into a directory, each commit publishes its own part file and writes go on after it', async () => {
    const target = join(dir.path, 'parts') + '/';
    const sink = await connector.openSink(fsTable(target), context());
    await sink.write(rows(1));
    await sink.commit({ rows: 1 });
    await sink.write(rows(2));
    await sink.commit({ rows: 2 });
    await sink.write(rows(3));
    await sink.abort();
    const parts = (await readdir(target)).sort();
    expect(parts).toHaveLength(2);
    const contents = await Promise.all(parts.map((part) => readFile(join(target, part), 'utf8')));
    expect(contents.sort()).toEqual(['{"id":1}\n', '{"id":2}\n']);
  });

  it('a read is bounded and reports the rows read so far as its position', async () => {
    const file = join(dir.path, 'in.json');
    await writeFile(file, '{"id":1}\n{"id":2}\n');
    const source = connector.source(fsTable(file), context());
    expect(source.bounded).toBe(true);
    expect(connector.bounded).toBe(true);
    const batches = [];
    for await (const batch of source.read()) batches.push(batch);
    expect(batches).toEqual([{ rows: [[1], [2]], positions: { rows: 2 } }]);
  });
});
