import type { ResolvedConnection } from '@lateral/spec';
import type { Catalog, ConnectionEntry, ModelEntry, TableEntry } from './catalog.js';
import type { ChangeBasis } from './catalog-basis.js';

/**
 * The catalog as DDL statements change it. Every mutation is persisted (atomically) before its
 * promise resolves. Names passed to mutations are looked up like reads (exact, else the unique
 * case-insensitive match).
 */
export interface MutableCatalog extends Catalog {
  readonly dataDir: string;
  /** Secret values of a connection as written (may hold `${env:NAME}`). Never print them. */
  connectionSecrets(name: string): Record<string, string>;
  /**
   * The connection with `${env:NAME}` resolved. `lenient` leaves unset references as written
   * instead of failing (CREATE-time checks, where the variable may be set only at run time).
   */
  resolveConnection(name: string, environment: Record<string, string | undefined>, options?: { lenient?: boolean }): ResolvedConnection;
  /** Inserts or replaces (same name) a connection and its secrets. */
  putConnection(entry: ConnectionEntry, secrets: Record<string, string>, basis?: ChangeBasis<ConnectionEntry>): Promise<void>;
  /** Removes a connection and deletes its secrets. */
  dropConnection(name: string): Promise<void>;
  /** Names of models with a version whose `<p>.connection` or `mcp.connection` is `connection`. */
  modelsUsingConnection(connection: string): string[];
  /** Inserts or replaces (same name) a model with all its versions. */
  putModel(entry: ModelEntry, basis?: ChangeBasis<ModelEntry>): Promise<void>;
  renameModel(from: string, to: string): Promise<void>;
  dropModel(name: string): Promise<void>;
  /** `secrets`: the values of the options `entry.secretKeys` names, kept in the store's secrets. */
  putTable(entry: TableEntry, basis?: ChangeBasis<TableEntry>, secrets?: Record<string, string>): Promise<void>;
  dropTable(name: string): Promise<void>;
}
