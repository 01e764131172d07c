import type { ObjectName } from '@lateral/parser';
import type { ResolvedConnection, ResolvedModel } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { joinEndpointCredentials } from '../options/endpoint-credentials.js';
import { resolveEnvReferences, resolveEnvReferencesLeniently } from '../options/env-reference.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { ConnectionEntry, ModelEntry, TableEntry } from './catalog.js';
import { emptyCatalog, type CatalogDocument, type SecretsDocument } from './catalog-document.js';
import { dataStoreFor, type DataStore, type StoreDatabase } from '../store/data-store.js';
import {
  readCatalogDocument,
  readSecretsDocument,
  readTableSecretsDocument,
  writeCatalogDocument,
  writeSecretsDocument,
  writeTableSecretsDocument,
} from '../store/store-documents.js';
import { deleteMemoryRows } from '../store/memory-rows.js';
import { resolveCatalogModel } from './catalog-model-resolver.js';
import type { MutableCatalog } from './mutable-catalog.js';
import { findByName } from './name-lookup.js';
import { checkBasis, type ChangeBasis } from './catalog-basis.js';

type Environment = Record<string, string | undefined>;

/** `<provider>.connection` and `mcp.connection`. */
const CONNECTION_KEY = /^[^.]+\.connection$/;

/** What one catalog change does to the current state; returning undefined leaves a document as is. */
type Change = (
  current: { catalog: CatalogDocument; secrets: () => SecretsDocument },
  db: StoreDatabase,
) => { catalog?: CatalogDocument; secrets?: SecretsDocument } | undefined;

/**
 * The catalog kept in the data directory's store (lateral.db: catalog, secrets and memory rows in
 * one SQLite database). Reads see the latest committed state of every process: the document is
 * cached and read again whenever anything was committed since (`changeStamp`). Every change
 * is one write transaction that reads the current state, changes it and writes it back, catalog
 * and secrets together, so two processes never undo each other's changes.
 */
export class FileCatalog implements MutableCatalog {
  private cache: { stamp: string; document: CatalogDocument } | undefined;

  private constructor(
    private readonly store: DataStore,
    private readonly registry: PluginRegistry,
  ) {
    // Opening an existing data directory checks (and, for an earlier version's, imports) it now.
    if (store.exists()) this.document();
  }

  /** Opens the data directory (one that does not exist means an empty catalog; nothing is created until a write). */
  static open(dataDir: string, registry: PluginRegistry): FileCatalog {
    return new FileCatalog(dataStoreFor(dataDir), registry);
  }

  get dataDir(): string {
    return this.store.dataDir;
  }

  getConnection(name: string): ConnectionEntry | undefined {
    return findByName(this.document().connections, name);
  }

  listConnections(): ConnectionEntry[] {
    return [...this.document().connections];
  }

  getModel(name: string): ModelEntry | undefined {
    return findByName(this.document().models, name);
  }

  listModels(): ModelEntry[] {
    return [...this.document().models];
  }

  getTable(name: string): TableEntry | undefined {
    return findByName(this.document().tables, name);
  }

  listTables(): TableEntry[] {
    return [...this.document().tables];
  }

  connectionSecrets(name: string): Record<string, string> {
    const entry = this.getConnection(name);
    if (!entry) return {};
    return { ...(this.store.read((db) => readSecretsDocument(db, this.store.path))[entry.name] ?? {}) };
  }

  /** A table's secret option values as written (`${env:NAME}` unresolved); empty when it has none. */
  tableSecrets(name: string): Record<string, string> {
    // Every read and INSERT asks: the cached catalog answers for a table without secrets.
    const entry = this.getTable(name);
    if (!entry?.secretKeys?.length) return {};
    return { ...(this.store.read((db) => readTableSecretsDocument(db, this.store.path))[entry.name] ?? {}) };
  }

  resolveConnection(name: string, environment: Environment, options: { lenient?: boolean } = {}): ResolvedConnection {
    const entry = this.getConnection(name);
    if (!entry) throw new LateralError({ code: 'LATERAL_ERR_CATALOG_NOT_FOUND', message: `Connection '${name}' does not exist.` });
    const owner = `connection '${entry.name}'`;
    const resolve = (option: string, value: string) =>
      options.lenient ? resolveEnvReferencesLeniently(value, environment) : resolveEnvReferences(value, environment, { owner, option });
    const secrets = this.connectionSecrets(entry.name);
    const missing = entry.secretKeys.filter((key) => secrets[key] === undefined);
    if (missing.length > 0 && !options.lenient) {
      throw new LateralError({
        code: 'LATERAL_ERR_SECRET_MISSING',
        message: `Secret ${missing.map((key) => `'${key}'`).join(', ')} of ${owner} is missing from ${this.store.path}; set it again with ALTER CONNECTION.`,
      });
    }
    return {
      name: entry.name,
      type: entry.type,
      // credentials written in the URL are kept with the secrets; the call needs the whole URL
      endpoint: resolve('endpoint', joinEndpointCredentials(entry.endpoint, secrets)),
      options: mapValues(entry.options, resolve),
      secrets: mapValues(secrets, resolve),
    };
  }

  resolveModel(name: ObjectName, environment: Environment): ResolvedModel {
    return resolveCatalogModel(this, this.registry, name, environment);
  }

  modelsUsingConnection(connection: string): string[] {
    const lower = connection.toLowerCase();
    return this.document()
      .models.filter((model) =>
        model.versions.some((version) =>
          Object.entries(version.options).some(
            ([key, value]) => CONNECTION_KEY.test(key) && value.toLowerCase() === lower,
          ),
        ),
      )
      .map((model) => model.name);
  }

  putConnection(entry: ConnectionEntry, secrets: Record<string, string>, basis?: ChangeBasis<ConnectionEntry>): Promise<void> {
    return this.change(({ catalog, secrets: currentSecrets }) => {
      checkBasis('Connection', catalog.connections, entry.name, basis);
      const previous = findByName(catalog.connections, entry.name);
      const secretsDocument = { ...currentSecrets() };
      if (previous) delete secretsDocument[previous.name];
      if (Object.keys(secrets).length > 0) secretsDocument[entry.name] = { ...secrets };
      return { catalog: { ...catalog, connections: replaced(catalog.connections, previous, entry) }, secrets: secretsDocument };
    });
  }

  dropConnection(name: string): Promise<void> {
    return this.change(({ catalog, secrets }) => {
      const entry = findByName(catalog.connections, name);
      if (!entry) return undefined;
      const secretsDocument = { ...secrets() };
      delete secretsDocument[entry.name];
      return { catalog: { ...catalog, connections: catalog.connections.filter((c) => c !== entry) }, secrets: secretsDocument };
    });
  }

  putModel(entry: ModelEntry, basis?: ChangeBasis<ModelEntry>): Promise<void> {
    return this.change(({ catalog }) => {
      checkBasis('Model', catalog.models, entry.name, basis);
      return { catalog: { ...catalog, models: replaced(catalog.models, findByName(catalog.models, basis?.basedOn?.name ?? entry.name), entry) } };
    });
  }

  renameModel(from: string, to: string): Promise<void> {
    return this.change(({ catalog }) => {
      const entry = findByName(catalog.models, from);
      return entry ? { catalog: { ...catalog, models: replaced(catalog.models, entry, { ...entry, name: to }) } } : undefined;
    });
  }

  dropModel(name: string): Promise<void> {
    return this.change(({ catalog }) => {
      const entry = findByName(catalog.models, name);
      return entry ? { catalog: { ...catalog, models: catalog.models.filter((m) => m !== entry) } } : undefined;
    });
  }

  /** Stores a table, its secret option values (`secrets`, keys listed in `entry.secretKeys`) in the same transaction. */
  putTable(entry: TableEntry, basis?: ChangeBasis<TableEntry>, secrets: Record<string, string> = {}): Promise<void> {
    return this.change(({ catalog }, db) => {
      checkBasis('Table', catalog.tables, entry.name, basis);
      const previous = findByName(catalog.tables, entry.name);
      // A new table starts empty, whatever an earlier table of that name left behind.
      if (!previous) deleteMemoryRows(db, entry.name);
      const tableSecrets = readTableSecretsDocument(db, this.store.path);
      if (previous || tableSecrets[entry.name] || Object.keys(secrets).length > 0) {
        if (previous) delete tableSecrets[previous.name];
        delete tableSecrets[entry.name];
        if (Object.keys(secrets).length > 0) tableSecrets[entry.name] = { ...secrets };
        writeTableSecretsDocument(db, tableSecrets);
      }
      return { catalog: { ...catalog, tables: replaced(catalog.tables, previous, entry) } };
    });
  }

  dropTable(name: string): Promise<void> {
    return this.change(({ catalog }, db) => {
      const entry = findByName(catalog.tables, name);
      if (!entry) return undefined;
      // A memory table's rows and its secrets go in the same transaction as its definition.
      deleteMemoryRows(db, entry.name);
      const tableSecrets = readTableSecretsDocument(db, this.store.path);
      if (tableSecrets[entry.name]) {
        delete tableSecrets[entry.name];
        writeTableSecretsDocument(db, tableSecrets);
      }
      return { catalog: { ...catalog, tables: catalog.tables.filter((t) => t !== entry) } };
    });
  }

  /** The committed catalog, read again when another process changed it. */
  private document(): CatalogDocument {
    if (!this.store.exists()) return emptyCatalog();
    const stamp = this.store.changeStamp();
    if (this.cache?.stamp === stamp) return this.cache.document;
    const document = this.store.read((db) => readCatalogDocument(db, this.store.path));
    this.cache = { stamp, document };
    return document;
  }

  /** One write transaction: read the current state, apply `change`, write back what it changed. */
  private change(change: Change): Promise<void> {
    try {
      this.store.write((db) => {
        const catalog = readCatalogDocument(db, this.store.path);
        const result = change({ catalog, secrets: () => readSecretsDocument(db, this.store.path) }, db);
        if (result?.secrets) writeSecretsDocument(db, result.secrets);
        if (result?.catalog) writeCatalogDocument(db, result.catalog, this.store.path);
      });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

function replaced<T>(items: readonly T[], previous: T | undefined, next: T): T[] {
  return previous === undefined ? [...items, next] : items.map((item) => (item === previous ? next : item));
}

function mapValues(values: Record<string, string>, map: (key: string, value: string) => string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) result[key] = map(key, value);
  return result;
}
