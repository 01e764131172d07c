import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinConnectorsPlugin, builtinFormatsPlugin, builtinTasksPlugin, PluginLoader, PluginRegistry, type LateralPluginV1 } from '@lateral/core';
import { filesystemConnector } from '@lateral/connector-filesystem';
import { errorsOf, failureOf, openEngine, rowsOf, run, temporaryDataDir } from '../../core/test/engine-test-kit.js';

/** The kernel's registry before any package is loaded: core's formats, tasks and the memory connector. */
function coreRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  for (const plugin of [builtinFormatsPlugin, builtinTasksPlugin, builtinConnectorsPlugin]) registry.registerPlugin(plugin);
  return registry;
}

let data: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  data = await temporaryDataDir();
});
afterEach(() => data.cleanup());

describe("'connector' = 'filesystem' loads @lateral/connector-filesystem by the naming rule", () => {
  it('imports the package when CREATE TABLE names the connector, then the table is written and read through it', async () => {
    const registry = coreRegistry();
    const requested: string[] = [];
    const loader = new PluginLoader(registry, (specifier) => {
      requested.push(specifier);
      return import(specifier);
    });
    expect(registry.connector('filesystem')).toBeUndefined();
    const engine = await openEngine(data.dir, { registry, pluginLoader: loader });
    const file = join(data.dir, '..', 'out.json');
    await run(
      engine,
      `CREATE TABLE out (id INT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json');
       INSERT INTO out VALUES (1, 'a'), (2, 'b');`,
    );
    expect(requested).toEqual(['@lateral/connector-filesystem']);
    expect(registry.connector('filesystem')?.id).toBe(filesystemConnector.id);
    expect(registry.has('connector:filesystem')).toBe(true);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual(['{"id":1,"text":"a"}', '{"id":2,"text":"b"}']);
    expect(await rowsOf(engine, 'SELECT id, text FROM out')).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('loads the package for a table the catalog already has (a new process reading it)', async () => {
    const first = await openEngine(data.dir);
    const file = join(data.dir, '..', 'in.json');
    await run(first, `CREATE TABLE src (id INT) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json'); INSERT INTO src VALUES (7);`);
    const registry = coreRegistry();
    const engine = await openEngine(data.dir, { registry, pluginLoader: new PluginLoader(registry, (specifier) => import(specifier)) });
    expect(await rowsOf(engine, 'SELECT id FROM src')).toEqual([[7]]);
  });

  it('a query on a table whose connector package is not installed names the package to add', async () => {
    const first = await openEngine(data.dir);
    await run(first, `CREATE TABLE src (id INT) WITH ('connector' = 'filesystem', 'path' = '${join(data.dir, '..', 'x.json')}', 'format' = 'json')`);
    const registry = coreRegistry();
    const notInstalled = async (specifier: string) => {
      throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    const engine = await openEngine(data.dir, { registry, pluginLoader: new PluginLoader(registry, notInstalled) });
    const [error] = errorsOf(await failureOf(engine, 'SELECT id FROM src'));
    expect(error?.message).toContain("Table 'src' uses connector 'filesystem', which is not registered.");
    expect(error?.message).toContain('add @lateral/connector-filesystem (pnpm add @lateral/connector-filesystem)');
  });

  it("names the package to add for a connector that is not installed ('connector' = 'nosuch')", async () => {
    const registry = coreRegistry();
    const engine = await openEngine(data.dir, { registry, pluginLoader: new PluginLoader(registry, (specifier) => import(specifier)) });
    const [error] = errorsOf(await failureOf(engine, "CREATE TABLE t (id INT) WITH ('connector' = 'nosuch')"));
    expect(error?.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error?.message).toContain("Unknown connector 'nosuch'");
    expect(error?.message).toContain('add @lateral/connector-nosuch (pnpm add @lateral/connector-nosuch)');
  });

  it('ensureConnector fails with LATERAL_ERR_CONNECTOR_UNKNOWN naming the package, and refuses ids that are not plain words', async () => {
    const loader = new PluginLoader(coreRegistry(), (specifier) => import(specifier));
    await expect(loader.ensureConnector('nosuch')).rejects.toMatchObject({
      code: 'LATERAL_ERR_CONNECTOR_UNKNOWN',
      message: "Connector 'nosuch' is not installed: add @lateral/connector-nosuch (pnpm add @lateral/connector-nosuch).",
      details: { connector: 'nosuch', package: '@lateral/connector-nosuch' },
    });
    await expect(loader.ensureConnector('../core')).rejects.toMatchObject({ code: 'LATERAL_ERR_CONNECTOR_UNKNOWN' });
  });

  it('checks the loaded plugin: its declared dependencies, the contract version, that it provides the connector', async () => {
    const needsKafka: LateralPluginV1 = {
      specificationVersion: 'v1',
      name: '@lateral/connector-needy',
      provides: ['connector:needy'],
      dependencies: ['connector:kafka'],
      register: (registrar) => registrar.registerConnector({ ...filesystemConnector, id: 'needy' }),
    };
    const futureContract: LateralPluginV1 = {
      specificationVersion: 'v1',
      name: '@lateral/connector-future',
      provides: ['connector:future'],
      register: (registrar) => registrar.registerConnector({ ...filesystemConnector, id: 'future', specificationVersion: 'v9' } as never),
    };
    const liar: LateralPluginV1 = { specificationVersion: 'v1', name: '@lateral/connector-liar', provides: [], register: () => undefined };
    const packages: Record<string, unknown> = {
      '@lateral/connector-needy': { plugin: needsKafka },
      '@lateral/connector-future': { plugin: futureContract },
      '@lateral/connector-liar': { plugin: liar },
    };
    const registry = coreRegistry();
    const loader = new PluginLoader(registry, async (specifier) => packages[specifier]);
    await expect(loader.ensureConnector('needy')).rejects.toThrow("plugin '@lateral/connector-needy' needs connector:kafka, which no registered plugin provides.");
    await expect(loader.ensureConnector('future')).rejects.toThrow("connector 'future' implements contract v9; this kernel supports v1, v2.");
    await expect(loader.ensureConnector('liar')).rejects.toThrow("Package @lateral/connector-liar was loaded but does not provide connector 'liar'");
    expect(registry.connector('needy')).toBeUndefined();
  });
});
