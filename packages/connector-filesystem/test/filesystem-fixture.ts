import { PluginRegistry, type ConnectorV2 } from '@lateral/core';
import { plugin } from '@lateral/connector-filesystem';
import { tempDir } from '../../core/test/query-fixtures.js';

export type TempDir = Awaited<ReturnType<typeof tempDir>>;

/** A fresh temporary directory and the filesystem connector, registered through a registry as the engine does. */
export async function filesystemFixture(): Promise<{ dir: TempDir; connector: ConnectorV2 }> {
  const registry = new PluginRegistry();
  registry.registerPlugin(plugin);
  return { dir: await tempDir(), connector: registry.connector('filesystem')! };
}
