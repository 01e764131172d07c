import { chmod, mkdir, mkdtemp, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type ObjectName } from '@lateral/parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCatalog, LateralError } from '@lateral/core';
import {
  CHAT_CONNECTION,
  EMBED_CONNECTION,
  SENTIMENT_MODEL,
  failureOf,
  openEngine,
  rowsOf,
  run,
  temporaryDataDir,
  testRegistry,
} from './engine-test-kit.js';
import { storedChunkCount, storedDocuments } from './store-test-kit.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await temporaryDataDir());
});
afterEach(async () => {
  await cleanup();
});

function modelName(text: string): ObjectName {
  const statement = parse(`DROP MODEL ${text}`).statements[0];
  if (statement?.type !== 'drop') throw new Error('unexpected parse');
  return statement.name;
}

describe('catalog persistence', () => {
  it('keeps connections, models and tables across engine instances', async () => {
    const first = await openEngine(dir);
    await run(first, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}; CREATE TABLE reviews (id INT, text STRING)`);

    const second = await openEngine(dir);
    expect(await rowsOf(second, 'SHOW CONNECTIONS')).toEqual([['chat']]);
    expect(await rowsOf(second, 'SHOW MODELS')).toEqual([['sentiment']]);
    expect(await rowsOf(second, 'SHOW TABLES')).toEqual([['reviews']]);
    const resolved = second.catalog.resolveModel(modelName('sentiment'), {});
    expect(resolved.connection?.secrets).toEqual({ 'api-key': 'sk-test-SECRET-0001' });
  });

  it('creates the data directory 0700 and its store 0600, with secrets apart from the catalog document', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; CREATE TABLE t (id INT); INSERT INTO t VALUES (1)`);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const files = (await readdir(dir)).sort();
    expect(files[0]).toBe('lateral.db');
    // The -wal and -shm files (while open) take the database file's mode.
    for (const file of files) expect({ file, mode: (await stat(join(dir, file))).mode & 0o777 }).toEqual({ file, mode: 0o600 });
    const { catalog, secrets } = storedDocuments(dir);
    expect(catalog).not.toContain('sk-test-SECRET-0001');
    expect(JSON.parse(catalog!).connections[0]).toMatchObject({ name: 'chat', type: 'testai', secretKeys: ['api-key'] });
    expect(JSON.parse(secrets!)).toEqual({ chat: { 'api-key': 'sk-test-SECRET-0001' } });
  });

  it('makes an existing store owner-only again when opened', async () => {
    await run(await openEngine(dir), CHAT_CONNECTION);
    await chmod(join(dir, 'lateral.db'), 0o644);
    const other = await mkdtemp(join(tmpdir(), 'lateral-mode-'));
    const moved = join(other, 'data');
    await rename(dir, moved);
    const engine = await openEngine(moved);
    expect(await rowsOf(engine, 'SHOW CONNECTIONS')).toEqual([['chat']]);
    expect((await stat(join(moved, 'lateral.db'))).mode & 0o777).toBe(0o600);
  });

  it('leaves only the store in the data directory after many writes', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${EMBED_CONNECTION}; ${SENTIMENT_MODEL}`);
    for (let index = 0; index < 5; index += 1) {
      await run(engine, `ALTER CONNECTION chat SET ('api-key' = 'sk-rotated-${index}')`);
      await run(engine, `CREATE TABLE t${index} (a INT)`);
    }
    expect((await readdir(dir)).filter((name) => !name.startsWith('lateral.db'))).toEqual([]);
  });

  it('drops a connection together with its secrets', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${EMBED_CONNECTION}; DROP CONNECTION chat`);
    expect(Object.keys(JSON.parse(storedDocuments(dir).secrets!))).toEqual(['emb']);
  });

  it('drops a memory table together with its rows; a table created again starts empty', async () => {
    const engine = await openEngine(dir);
    await run(engine, "CREATE TABLE t (id INT); INSERT INTO t VALUES (1), (2)");
    expect(storedChunkCount(dir, 't')).toBe(1);
    await run(engine, 'DROP TABLE t');
    expect(storedChunkCount(dir, 't')).toBe(0);
    await run(engine, 'CREATE TABLE t (id INT)');
    expect(await rowsOf(engine, 'SELECT id FROM t')).toEqual([]);
  });

  it('sees what another catalog on the same data directory committed, and never writes back a stale copy', async () => {
    const first = await openEngine(dir);
    await run(first, 'CREATE TABLE a (id INT)');
    const second = await openEngine(dir);
    await run(second, `${CHAT_CONNECTION}; CREATE TABLE b (id INT)`);
    expect(await rowsOf(first, 'SHOW TABLES')).toEqual([['a'], ['b']]);
    await run(first, 'CREATE TABLE c (id INT)');
    expect(await rowsOf(second, 'SHOW TABLES')).toEqual([['a'], ['b'], ['c']]);
    expect(second.catalog.connectionSecrets('chat')).toEqual({ 'api-key': 'sk-test-SECRET-0001' });
  });

  it('refuses a change computed from an entry another session changed or created meanwhile', async () => {
    const first = await openEngine(dir);
    await run(first, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}`);
    const second = await openEngine(dir);
    const seen = first.catalog.getModel('sentiment')!;
    // The other session adds version 2 after this one read the model.
    await run(second, SENTIMENT_MODEL);
    const stale = { ...seen, versions: [...seen.versions, { ...seen.versions[0]!, version: 2 }] };
    const changed = (await first.catalog.putModel(stale, { basedOn: seen }).catch((error: unknown) => error)) as LateralError;
    expect(changed.code).toBe('LATERAL_ERR_CATALOG_CHANGED');
    expect(first.catalog.getModel('sentiment')!.versions.map((v) => v.version)).toEqual([1, 2]);
    // A CREATE that found no table fails if another session created one since.
    await run(second, 'CREATE TABLE t (id INT)');
    const table = { ...second.catalog.getTable('t')!, columns: [] };
    const exists = (await first.catalog.putTable(table, { basedOn: null }).catch((error: unknown) => error)) as LateralError;
    expect(exists.code).toBe('LATERAL_ERR_CATALOG_EXISTS');
    expect(first.catalog.getTable('t')!.columns).toHaveLength(1);
  });

  it('opens an empty catalog when the directory does not exist, without creating anything', async () => {
    const engine = await openEngine(dir);
    expect(await rowsOf(engine, 'SHOW MODELS')).toEqual([]);
    await expect(stat(dir)).rejects.toThrow();
  });
});

describe('a data directory of an earlier version (catalog.json, secrets.json, tables/)', () => {
  const legacyCatalog = (tables: unknown[]) => ({
    format: 1,
    connections: [{ name: 'chat', type: 'testai', endpoint: 'http://127.0.0.1:9/v1', options: {}, secretKeys: ['api-key'], createdAt: '2026-01-01T00:00:00.000Z' }],
    models: [],
    tables,
  });
  const memoryTable = (name: string) => ({
    name,
    columns: [{ name: 'id', dataType: { kind: 'INT', nullable: true } }],
    options: {},
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  it('is imported on first open: catalog, secrets and memory rows; the old files are renamed *.imported', async () => {
    await mkdir(join(dir, 'tables'), { recursive: true });
    await writeFile(join(dir, 'catalog.json'), JSON.stringify(legacyCatalog([memoryTable('kept rows')])));
    await writeFile(join(dir, 'secrets.json'), JSON.stringify({ chat: { 'api-key': 'sk-legacy-0001' } }), { mode: 0o600 });
    await writeFile(join(dir, 'tables', 'kept%20rows.ndjson'), '{"id":1}\n{"id":2}\n');
    // A rows file no table names (left by a table dropped long ago) is not adopted.
    await writeFile(join(dir, 'tables', 'orphan.ndjson'), '{"id":9}\n');
    const engine = await openEngine(dir);
    expect(await rowsOf(engine, 'SHOW TABLES')).toEqual([['kept rows']]);
    expect(await rowsOf(engine, 'SELECT id FROM `kept rows`')).toEqual([[1], [2]]);
    expect(engine.catalog.connectionSecrets('chat')).toEqual({ 'api-key': 'sk-legacy-0001' });
    expect((await readdir(dir)).filter((name) => !name.startsWith('lateral.db')).sort()).toEqual([
      'catalog.json.imported',
      'secrets.json.imported',
      'tables.imported',
    ]);
    expect((await stat(join(dir, 'catalog.json.imported'))).mode & 0o777).toBe(0o600);
    await run(engine, 'CREATE TABLE orphan (id INT)');
    expect(await rowsOf(await openEngine(dir), 'SELECT id FROM orphan')).toEqual([]);
    expect(await rowsOf(await openEngine(dir), 'SELECT id FROM `kept rows`')).toEqual([[1], [2]]);
  });

  it('names a corrupt catalog.json', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'catalog.json'), '{ "format": 1, "connections": [');
    const error = await openEngine(dir).catch((caught: unknown) => caught);
    expect(LateralError.isInstance(error)).toBe(true);
    expect((error as LateralError).code).toBe('LATERAL_ERR_CATALOG_CORRUPT');
    expect((error as LateralError).message).toContain(join(dir, 'catalog.json'));
    // Nothing was imported: the file stays for its owner to fix.
    expect(await readdir(dir)).toContain('catalog.json');
  });

  it('rejects a catalog.json of the wrong shape', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'catalog.json'), JSON.stringify({ format: 1, connections: {}, models: [], tables: [] }));
    expect(() => FileCatalog.open(dir, testRegistry())).toThrow(/catalog.json is corrupt: 'connections' is not a list/);
  });

  it('names a corrupt secrets.json without quoting its content', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'catalog.json'), JSON.stringify(legacyCatalog([])));
    await writeFile(join(dir, 'secrets.json'), '{"chat": {"api-key": "sk-LEAKED-VALUE" ');
    const error = (await openEngine(dir).catch((caught: unknown) => caught)) as LateralError;
    expect(error.code).toBe('LATERAL_ERR_CATALOG_CORRUPT');
    expect(error.message).toContain(join(dir, 'secrets.json'));
    expect(JSON.stringify(error.toPlain())).not.toContain('sk-LEAKED-VALUE');
  });

  it('names a data directory that cannot be created', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a-file'), '');
    const engine = await openEngine(join(dir, 'a-file', 'data'));
    const error = (await failureOf(engine, 'CREATE TABLE t (id INT)')) as LateralError;
    // Nothing is corrupt: the operating system refused, and the message says what and where.
    expect(error.code).toBe('LATERAL_ERR_FILE_IO');
    expect(error.message).toMatch(/^cannot mkdir \S+: ENOTDIR \(/);
    expect(error.message).toContain(join(dir, 'a-file', 'data'));
  });

  it('names a store that is not a database', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'lateral.db'), 'not a database at all, just text that is long enough to be read');
    const error = (await openEngine(dir).catch((caught: unknown) => caught)) as LateralError;
    expect(error.code).toBe('LATERAL_ERR_CATALOG_CORRUPT');
    expect(error.message).toContain(join(dir, 'lateral.db'));
  });
});

describe('name lookup', () => {
  it('matches exactly first, else a unique case-insensitive match', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}`);
    expect(engine.catalog.getModel('sentiment')?.name).toBe('sentiment');
    expect(engine.catalog.getModel('SENTIMENT')?.name).toBe('sentiment');
    expect(engine.catalog.getConnection('Chat')?.name).toBe('chat');
    expect(engine.catalog.getModel('other')).toBeUndefined();
  });

  it('uses the last part of a qualified name', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}`);
    expect(await rowsOf(engine, 'DESCRIBE MODEL `env`.`db`.`sentiment`')).toHaveLength(1);
    expect(engine.catalog.resolveModel(modelName('`env`.`cluster`.`sentiment`'), {}).name).toBe('sentiment');
  });

  it('refuses a name that differs from an existing one only in case', async () => {
    const engine = await openEngine(dir);
    await run(engine, CHAT_CONNECTION);
    const failure = await failureOf(engine, `CREATE CONNECTION CHAT WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1:9/', 'api-key' = 'k-123456')`);
    expect((failure as LateralError).code).toBe('LATERAL_ERR_CATALOG_EXISTS');
  });
});
