import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
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

  it('creates the data directory 0700 and the secrets file 0600, and never writes secrets to catalog.json', async () => {
    const engine = await openEngine(dir);
    await run(engine, CHAT_CONNECTION);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    const catalogText = await readFile(join(dir, 'catalog.json'), 'utf8');
    expect(catalogText).not.toContain('sk-test-SECRET-0001');
    expect(JSON.parse(catalogText).connections[0]).toMatchObject({ name: 'chat', type: 'testai', secretKeys: ['api-key'] });
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual({ chat: { 'api-key': 'sk-test-SECRET-0001' } });
  });

  it('writes atomically: no temporary files remain after many writes', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${EMBED_CONNECTION}; ${SENTIMENT_MODEL}`);
    for (let index = 0; index < 5; index += 1) {
      await run(engine, `ALTER CONNECTION chat SET ('api-key' = 'sk-rotated-${index}')`);
      await run(engine, `CREATE TABLE t${index} (a INT)`);
    }
    expect((await readdir(dir)).sort()).toEqual(['catalog.json', 'secrets.json']);
  });

  it('drops a connection together with its secrets', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${EMBED_CONNECTION}; DROP CONNECTION chat`);
    const secrets = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'));
    expect(Object.keys(secrets)).toEqual(['emb']);
  });

  it('opens an empty catalog when the directory does not exist, without creating anything', async () => {
    const engine = await openEngine(dir);
    expect(await rowsOf(engine, 'SHOW MODELS')).toEqual([]);
    await expect(stat(dir)).rejects.toThrow();
  });
});

describe('corrupt files', () => {
  it('names a corrupt catalog.json', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'catalog.json'), '{ "format": 1, "connections": [');
    const error = await openEngine(dir).catch((caught: unknown) => caught);
    expect(LateralError.isInstance(error)).toBe(true);
    expect((error as LateralError).code).toBe('LATERAL_ERR_CATALOG_CORRUPT');
    expect((error as LateralError).message).toContain(join(dir, 'catalog.json'));
  });

  it('rejects a catalog.json of the wrong shape', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'catalog.json'), JSON.stringify({ format: 1, connections: {}, models: [], tables: [] }));
    expect(() => FileCatalog.open(dir, testRegistry())).toThrow(/catalog.json is corrupt: 'connections' is not a list/);
  });

  it('names a corrupt secrets.json without quoting its content', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}`);
    await writeFile(join(dir, 'secrets.json'), '{"chat": {"api-key": "sk-LEAKED-VALUE" ');
    const reopened = await openEngine(dir);
    const failure = await failureOf(reopened, 'ALTER CONNECTION chat SET (\'region\' = \'eu\')');
    const error = failure as LateralError;
    expect(error.code).toBe('LATERAL_ERR_CATALOG_CORRUPT');
    expect(error.message).toContain(join(dir, 'secrets.json'));
    expect(JSON.stringify(error.toPlain())).not.toContain('sk-LEAKED-VALUE');
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
