import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Engine, PluginRegistry, builtinConnectorsPlugin, builtinFormatsPlugin, builtinTasksPlugin, createInferenceRuntime, type LateralPluginV1, type Row } from '@lateral/core';

/** An engine on a fresh data directory with core's built-ins and one provider plugin, run in-process. */
export interface SqlEngineKit {
  /** Runs a script and collects the rows of every query in it; rejects with the first failing statement's error. */
  run(sql: string): Promise<Row[]>;
  /** Closes the inference runtime and removes the data directory. */
  close(): Promise<void>;
}

/** The whole path for one provider: CREATE CONNECTION / CREATE MODEL validated by core's catalog, ML_PREDICT through the runtime. */
export async function openSqlEngine(plugin: LateralPluginV1, name: string): Promise<SqlEngineKit> {
  const parent = await mkdtemp(join(tmpdir(), `lateral-${name}-`));
  const registry = new PluginRegistry();
  for (const each of [builtinFormatsPlugin, builtinTasksPlugin, builtinConnectorsPlugin, plugin]) registry.registerPlugin(each);
  const inference = createInferenceRuntime({ registry, mode: 'in-process' });
  async function close(): Promise<void> {
    await inference.close();
    await rm(parent, { recursive: true, force: true });
  }
  let engine: Engine;
  try {
    engine = await Engine.open({ dataDir: join(parent, 'data'), registry, inference, environment: {} });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async run(sql) {
      const rows: Row[] = [];
      for await (const result of engine.executeScript(sql, { source: `${name}.sql` })) {
        if (result.kind === 'rows') for await (const batch of result.rows) rows.push(...batch);
      }
      return rows;
    },
    close,
  };
}

/**
 * For a test file: a `runScript(sql)` that opens a fresh engine per call and closes it after each
 * test (the hook is registered here, so test files keep only their own fakes' cleanup).
 */
export function useSqlEngine(plugin: LateralPluginV1, name: string): (sql: string) => Promise<Row[]> {
  let open: SqlEngineKit | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return async (sql) => {
    open = await openSqlEngine(plugin, name);
    return open.run(sql);
  };
}
