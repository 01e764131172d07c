import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_HOST, type ConnectorV2, type Row } from '@lateral/core';
import { removeDeadInProgressFiles } from '@lateral/connector-filesystem';
import { col, t, table } from '../../core/test/query-fixtures.js';
import { filesystemFixture, type TempDir } from './filesystem-fixture.js';

let dir: TempDir;
let connector: ConnectorV2;

const fsTable = (path: string) => table('t', [col('id', t.int()), col('text', t.string())], { connector: 'filesystem', path, format: 'json' });
const rows = (from: number, count: number): Row[] => Array.from({ length: count }, (_, i) => [from + i, 'z'.repeat(40)]);
const context = () => ({ dataDir: join(dir.path, 'data') });

async function idsIn(path: string): Promise<number[]> {
  const ids: number[] = [];
  for await (const { rows } of connector.source(fsTable(path), context()).read()) ids.push(...rows.map((row) => row[0] as number));
  return ids;
}

/** A pid that certainly belongs to no live process: one of a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
}

beforeEach(async () => {
  ({ dir, connector } = await filesystemFixture());
});
afterEach(() => dir.cleanup());

describe('filesystem sink: hidden in-progress file, committed by rename', () => {
  it('a file table shows readers its old content until the INSERT commits, then old and new rows', async () => {
    const file = join(dir.path, 'out.json');
    await writeFile(file, '{"id":-1,"text":"old"}\n');
    await chmod(file, 0o640);
    const sink = await connector.openSink(fsTable(file), context());
    for (let index = 0; index < 5; index += 1) await sink.write(rows(index * 1000, 1000));
    expect(await readFile(file, 'utf8')).toBe('{"id":-1,"text":"old"}\n');
    expect((await readdir(dir.path)).filter((name) => name.startsWith('.out.json.inprogress-'))).toHaveLength(1);
    await sink.flush();
    await sink.commit();
    expect(await idsIn(file)).toEqual([-1, ...Array.from({ length: 5000 }, (_, i) => i)]);
    expect((await readdir(dir.path)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('two INSERTs into one file both keep their rows, whatever order they commit in', async () => {
    const file = join(dir.path, 'out.json');
    const first = await connector.openSink(fsTable(file), context());
    const second = await connector.openSink(fsTable(file), context());
    await first.write(rows(0, 3000));
    await second.write(rows(10_000, 2000));
    await second.flush();
    await second.commit();
    await first.flush();
    await first.commit();
    const ids = await idsIn(file);
    expect(ids).toHaveLength(5000);
    expect(new Set(ids).size).toBe(5000);
  });

  it('an abort leaves the file as it was and removes only its own in-progress file', async () => {
    const file = join(dir.path, 'out.json');
    await writeFile(file, '{"id":1}\n');
    const failing = await connector.openSink(fsTable(file), context());
    await failing.write(rows(100, 3000));
    const other = await connector.openSink(fsTable(file), context());
    await other.write(rows(50, 2));
    await other.flush();
    await other.commit();
    await failing.abort();
    expect(await idsIn(file)).toEqual([1, 50, 51]);
    expect((await readdir(dir.path)).filter((name) => name.startsWith('.'))).toEqual([]);

    const fresh = join(dir.path, 'fresh.json');
    const created = await connector.openSink(fsTable(fresh), context());
    await created.write(rows(0, 1));
    await created.abort();
    expect((await readdir(dir.path)).filter((name) => name.includes('fresh'))).toEqual([]);
  });

  it('a directory table gets a part file only on commit; readers skip in-progress parts', async () => {
    const folder = join(dir.path, 'parts');
    await mkdir(folder);
    const sink = await connector.openSink(fsTable(folder), context());
    await sink.write(rows(0, 2000));
    expect((await readdir(folder)).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(await idsIn(folder)).toEqual([]);
    await sink.flush();
    await sink.commit();
    const files = await readdir(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^part-[0-9a-f-]{36}\.json$/);
    expect(await idsIn(folder)).toHaveLength(2000);
  });

  it('opening a table removes in-progress files of dead writers and keeps a live writer\'s', async () => {
    const folder = join(dir.path, 'parts');
    await mkdir(folder);
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const dead = `.part-${uuid}.json.inprogress-${LOCAL_HOST}-${deadPid()}-${uuid}`;
    const live = `.part-${uuid}.json.inprogress-${LOCAL_HOST}-${process.pid}-${uuid}`;
    const otherHost = `.part-${uuid}.json.inprogress-elsewhere-${deadPid()}-${uuid}`;
    for (const name of [dead, live, otherHost]) await writeFile(join(folder, name), '{"id":1}\n');
    expect(await idsIn(folder)).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual([live, otherHost].sort());
    await removeDeadInProgressFiles(folder);
    expect((await readdir(folder)).sort()).toEqual([live, otherHost].sort());
  });
});
