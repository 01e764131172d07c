import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LateralError,
  PluginLoader,
  PluginRegistry,
  builtinTableFunctions,
  tableFunctionPackageFor,
  type Engine,
  type PluginRegistrar,
  type TableFunctionV1,
} from '@lateral/core';
import { errorsOf, failureOf, openEngine, rowsOf, runOne, run, temporaryDataDir, testManagedProvider, testRegistry } from './engine-test-kit.js';
import * as testFunctionPackage from './fixtures/function-test-plugin.js';

const SETUP = "CREATE TABLE t (id INT, name STRING); INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c');";

/** An importer that knows only the test function package, recording what it was asked for. */
function importerOf(packages: Record<string, unknown>) {
  const requested: string[] = [];
  const importer = async (specifier: string) => {
    requested.push(specifier);
    if (specifier in packages) return packages[specifier];
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: 'ERR_MODULE_NOT_FOUND' });
  };
  return { importer, requested };
}

function firstError(failure: Awaited<ReturnType<typeof failureOf>>): LateralError {
  return errorsOf(failure)[0]!;
}

describe('the table-function registry', () => {
  it('starts with the dialect functions, registered as a plugin registers them', () => {
    const registry = new PluginRegistry();
    expect(builtinTableFunctions.map((fn) => fn.name)).toEqual(['ML_PREDICT', 'AI_COMPLETE', 'AI_EMBEDDING']);
    expect(registry.tableFunctionNames()).toEqual(['AI_COMPLETE', 'AI_EMBEDDING', 'ML_PREDICT']);
    expect(registry.tableFunction('ml_predict')?.kind).toBe('lateral');
    expect(registry.has('table-function:Ai_Embedding')).toBe(true);
    expect(registry.has('table-function:ML_EVALUATE')).toBe(false);
  });

  it('looks names up case-insensitively and refuses a duplicate, a bad name, kind or contract version', () => {
    const registry = new PluginRegistry();
    const unregister = registry.registerTableFunction(testFunctionPackage.testCountRowsFunction as TableFunctionV1);
    expect(registry.tableFunction('TEST_COUNT_ROWS')?.kind).toBe('aggregate');
    const again = { ...testFunctionPackage.testCountRowsFunction, name: 'Test_Count_Rows' } as TableFunctionV1;
    expect(() => registry.registerTableFunction(again)).toThrow(/table function 'TEST_COUNT_ROWS' is already registered/);
    expect(() => registry.registerTableFunction({ ...again, name: 'ML_PREDICT' })).toThrow(/'ML_PREDICT' is already registered/);
    expect(() => registry.registerTableFunction({ ...again, name: 'x-y' })).toThrow(/not a SQL function name/);
    expect(() => registry.registerTableFunction({ ...again, name: 'OTHER', kind: 'window' as 'lateral' })).toThrow(/expected 'lateral' or 'aggregate'/);
    expect(() => registry.registerTableFunction({ ...again, name: 'OTHER', specificationVersion: 'v2' as 'v1' })).toThrow(/implements contract v2/);
    unregister();
    expect(registry.tableFunction('TEST_COUNT_ROWS')).toBeUndefined();
  });

  it('names the package of a table function by the naming rule', () => {
    expect(tableFunctionPackageFor('ML_EVALUATE')).toBe('@lateral/function-ml-evaluate');
    expect(tableFunctionPackageFor('vector_search_agg')).toBe('@lateral/function-vector-search-agg');
  });
});

describe('a table function from a plugin, through SQL', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let engine: Engine;

  beforeEach(async () => {
    ({ dir, cleanup } = await temporaryDataDir());
    const registry = testRegistry();
    registry.registerPlugin(testFunctionPackage.plugin);
    engine = await openEngine(dir, { registry });
    await run(engine, SETUP);
  });
  afterEach(async () => {
    await cleanup();
  });

  it('runs a lateral one: any number of rows per input row, renamed by the alias, filtered by WHERE', async () => {
    expect(await rowsOf(engine, 'SELECT t.id, r.copy, r.i FROM t, LATERAL TABLE(TEST_REPEAT(name, id)) AS r WHERE id <> 2 ORDER BY id, r.i')).toEqual([
      [1, 'a', 1],
      [3, 'c', 1],
      [3, 'c', 2],
      [3, 'c', 3],
    ]);
    const renamed = await runOne(engine, 'SELECT * FROM t, LATERAL TABLE(test_repeat(name, 1)) AS r(text, n) LIMIT 1');
    expect(renamed).toEqual({ kind: 'rows', columns: ['id', 'name', 'text', 'n'], rows: [[1, 'a', 'a', 1]] });
  });

  it('binds its arguments with located errors before any row is read', async () => {
    const sql = "SELECT * FROM t,\n  LATERAL TABLE(TEST_REPEAT(name, 'x')) AS r";
    const error = firstError(await failureOf(engine, sql));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain("TEST_REPEAT's n is STRING, not INT");
    expect(error.location).toMatchObject({ start: { line: 2, column: 35 } });
    const alias = firstError(await failureOf(engine, 'SELECT * FROM t, LATERAL TABLE(TEST_REPEAT(name, 1)) AS r(a, b, c)'));
    expect(alias.message).toContain('names 3 columns but it returns 2 OUTPUT columns (copy STRING, i INT)');
  });

  it('runs an aggregate one alone in the select list, after WHERE and before LIMIT', async () => {
    expect(await runOne(engine, 'SELECT TEST_COUNT_ROWS(name) FROM t')).toEqual({ kind: 'rows', columns: ['counted'], rows: [[2]] });
    expect(await runOne(engine, 'SELECT test_count_rows(id) AS n FROM t WHERE id > 1 LIMIT 5')).toEqual({ kind: 'rows', columns: ['n'], rows: [[2]] });
    expect(await rowsOf(engine, 'SELECT TEST_COUNT_ROWS(r.i) FROM t, LATERAL TABLE(TEST_REPEAT(name, id)) AS r')).toEqual([[6]]);
  });

  it('says where each kind belongs when it is called in the wrong place', async () => {
    const cases: Array<[string, string, string]> = [
      ['SELECT id, TEST_COUNT_ROWS(name) FROM t', 'LATERAL_ERR_BIND_UNSUPPORTED', 'it must be alone in the select list'],
      ['SELECT TEST_COUNT_ROWS(name) FROM t ORDER BY 1', 'LATERAL_ERR_BIND_UNSUPPORTED', 'does not take ORDER BY'],
      ['SELECT id FROM t WHERE TEST_COUNT_ROWS(name) > 1', 'LATERAL_ERR_BIND_UNSUPPORTED', 'TEST_COUNT_ROWS is an aggregate table function'],
      ['SELECT * FROM t, LATERAL TABLE(TEST_COUNT_ROWS(name)) AS r', 'LATERAL_ERR_BIND_UNSUPPORTED', 'TEST_COUNT_ROWS is an aggregate table function'],
      ['SELECT TEST_REPEAT(name, 2) FROM t', 'LATERAL_ERR_BIND_UNSUPPORTED', 'TEST_REPEAT is a table function: call it in FROM'],
      ['SELECT ML_PREDICT(name) FROM t', 'LATERAL_ERR_BIND_UNSUPPORTED', 'ML_PREDICT is a table function: call it in FROM'],
    ];
    for (const [sql, code, message] of cases) {
      const error = firstError(await failureOf(engine, sql));
      expect({ sql, code: error.code }).toEqual({ sql, code });
      expect(error.message).toContain(message);
      expect(error.location).toBeDefined();
    }
  });
});

describe('an aggregate over model versions (the path ML_EVALUATE will take)', () => {
  it('reads m$all as every version, oldest first, and one version otherwise', async () => {
    const { dir, cleanup } = await temporaryDataDir();
    try {
      const registry = testRegistry();
      registry.registerTableFunction(testFunctionPackage.versionsStandIn as TableFunctionV1);
      const engine = await openEngine(dir, { registry });
      await run(engine, SETUP);
      const model = (name: string) => `CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'confluent', 'task' = 'classification', 'confluent.model' = '${name}')`;
      await run(engine, `${model('x')}; ${model('y')}`);
      expect(await rowsOf(engine, 'SELECT ML_EVALUATE(`m$all`, name) FROM t')).toEqual([
        [1, 'classification'],
        [2, 'classification'],
      ]);
      expect(await rowsOf(engine, "SELECT ML_EVALUATE('m$1', name) FROM t")).toEqual([[1, 'classification']]);
      const missing = firstError(await failureOf(engine, 'SELECT ML_EVALUATE(`nope$all`, name) FROM t'));
      expect(missing.message).toContain('nope');
      expect(missing.location).toMatchObject({ start: { line: 1, column: 20 } });
    } finally {
      await cleanup();
    }
  });
});

describe('loading a table function by the naming rule', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, cleanup } = await temporaryDataDir());
  });
  afterEach(async () => {
    await cleanup();
  });

  it('imports @lateral/function-<name> when a statement calls an unregistered function', async () => {
    const registry = testRegistry();
    const { importer, requested } = importerOf({ '@lateral/function-test-repeat': testFunctionPackage });
    const engine = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, importer) });
    await run(engine, SETUP);
    expect(await rowsOf(engine, 'SELECT r.i FROM t, LATERAL TABLE(TEST_REPEAT(name, 2)) AS r WHERE id = 1')).toEqual([[1], [2]]);
    expect(requested).toEqual(['@lateral/function-test-repeat']);
    // Registered now (both functions of the package): no second import.
    expect(await rowsOf(engine, 'SELECT TEST_COUNT_ROWS(id) FROM t')).toEqual([[3]]);
    expect(requested).toEqual(['@lateral/function-test-repeat']);
  });

  it('says which package to add when none is installed, at the call', async () => {
    const registry = testRegistry();
    const { importer, requested } = importerOf({});
    const engine = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, importer) });
    await run(engine, SETUP);
    const sql = 'SELECT *\nFROM t, LATERAL TABLE(NO_SUCH_FN(name)) AS r';
    const error = firstError(await failureOf(engine, sql));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_FUNCTION');
    expect(error.message).toBe(
      'No match found for table function NO_SUCH_FN: it is not registered and package @lateral/function-no-such-fn is not installed (pnpm add @lateral/function-no-such-fn)',
    );
    expect(error.location).toMatchObject({ start: { line: 2, column: 23 } });
    expect(requested).toContain('@lateral/function-no-such-fn');
    const later = firstError(await failureOf(engine, 'SELECT ML_EVALUATE(`m`, name) FROM t'));
    expect(later.code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
    expect(later.message).toContain('ML_EVALUATE is not supported by Lateral yet (no package @lateral/function-ml-evaluate is installed)');
  });

  it("loads the provider of a plugin function's model argument in a fresh process", async () => {
    const providers = {
      '@lateral/provider-local': {
        plugin: { specificationVersion: 'v1', name: '@lateral/provider-local', provides: ['provider:confluent'], register: (r: PluginRegistrar) => r.registerProvider(testManagedProvider) },
      },
      '@lateral/function-test-echo': testFunctionPackage,
    };
    const first = testRegistry(false);
    const engine = await openEngine(dir, { registry: first, pluginLoader: new PluginLoader(first, importerOf(providers).importer) });
    await run(engine, "CREATE TABLE t (x STRING); CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'confluent', 'task' = 'text_generation', 'confluent.model' = 'x')");

    const fresh = importerOf(providers);
    const registry = testRegistry(false);
    const reopened = await openEngine(dir, { registry, pluginLoader: new PluginLoader(registry, fresh.importer) });
    // No rows: binding alone needs the model resolved, so its provider loaded.
    expect(await runOne(reopened, "SELECT * FROM t, LATERAL TABLE(TEST_ECHO('m', x)) AS e")).toEqual({ kind: 'rows', columns: ['x', 'o', 'echo'], rows: [] });
    expect(fresh.requested).toEqual(['@lateral/function-test-echo', '@lateral/provider-local']);
  });

  it('refuses a package that does not provide the function it is named after', async () => {
    const registry = testRegistry();
    const wrong = { plugin: { ...testFunctionPackage.plugin, name: '@lateral/function-other', provides: [], register: () => undefined } };
    const loader = new PluginLoader(registry, importerOf({ '@lateral/function-other': wrong }).importer);
    await expect(loader.ensureTableFunction('OTHER')).rejects.toThrow(/does not provide table function OTHER/);
    await expect(loader.ensureTableFunction('ml_predict')).resolves.toMatchObject({ name: 'ML_PREDICT' });
    await expect(loader.ensureTableFunction('NOT_INSTALLED')).resolves.toBeUndefined();
  });
});
