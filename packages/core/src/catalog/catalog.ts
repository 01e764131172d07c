import type { ObjectName } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import type { TableDefinition } from '@lateral/spec';
import type { Column, TaskId } from '@lateral/spec';

/** A stored connection. Secret values are not here: they live in the secrets document of the store. */
export interface ConnectionEntry {
  name: string;
  /** Lower-case type. */
  type: string;
  endpoint: string;
  comment?: string;
  /** Non-secret options besides type and endpoint, keys lower-cased. */
  options: Record<string, string>;
  /** Names of the secret keys that are set (values elsewhere). */
  secretKeys: string[];
  createdAt: string;
}

export interface ModelVersionEntry {
  version: number;
  /** All WITH options of this version, keys lower-cased, values as written. */
  options: Record<string, string>;
  createdAt: string;
}

export interface ModelEntry {
  name: string;
  input: Column[];
  output: Column[];
  comment?: string;
  task: TaskId;
  providerId: string;
  defaultVersion: number;
  versions: ModelVersionEntry[];
}

export interface TableEntry extends TableDefinition {
  comment?: string;
  createdAt: string;
  /**
   * Keys of the options whose values are secret (the connector's `secretOptions` and the generic
   * rule): `options` does not hold them; the store's table secrets do. Absent in catalogs written
   * before table secrets existed.
   */
  secretKeys?: string[];
}

/**
 * The catalog of connections, models and tables, persisted under the data directory.
 * Lookups take the last part of an ObjectName (catalog/database qualifiers are accepted and
 * ignored: Lateral has one catalog and one database per data directory).
 */
export interface Catalog {
  getConnection(name: string): ConnectionEntry | undefined;
  listConnections(): ConnectionEntry[];
  getModel(name: string): ModelEntry | undefined;
  listModels(): ModelEntry[];
  getTable(name: string): TableEntry | undefined;
  listTables(): TableEntry[];
  /** The secret option values of a table (as written: `${env:NAME}` unresolved), from the store's secrets. */
  tableSecrets?(name: string): Record<string, string>;
  /**
   * Builds the plain-data description of one model version for running it: options parsed,
   * formats resolved, connection secrets read (with `${env:NAME}` references resolved from
   * `environment`). Throws LateralError (not found, missing secret, env var unset).
   */
  resolveModel(name: ObjectName, environment: Record<string, string | undefined>): ResolvedModel;
}
