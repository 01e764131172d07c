import type { ObjectName } from '@lateral/parser';
import type { ResolvedConnection, ResolvedModel } from '../contracts/resolved-model.js';
import { LateralError } from '../errors/lateral-error.js';
import { joinEndpointCredentials } from '../options/endpoint-credentials.js';
import { resolveEnvReferences, resolveEnvReferencesLeniently } from '../options/env-reference.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { ConnectionEntry, ModelEntry, TableEntry } from './catalog.js';
import type { CatalogDocument, SecretsDocument } from './catalog-document.js';
import { CatalogFiles } from './catalog-files.js';
import { resolveCatalogModel } from './catalog-model-resolver.js';
import type { MutableCatalog } from './mutable-catalog.js';
import { findByName } from './name-lookup.js';

type Environment = Record<string, string | undefined>;

/** `<provider>.connection` and `mcp.connection`. */
const CONNECTION_KEY = /^[^.]+\.connection$/;

/**
 * The catalog kept in `catalog.json` and `secrets.json` under the data directory. The catalog
 * file is read once when opened; the secrets file only when a secret is first needed. Every
 * mutation rewrites the affected file atomically; mutations are serialised within the process.
 */
export class FileCatalog implements MutableCatalog {
  private document: CatalogDocument;
  private secrets: SecretsDocument | undefined;
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly files: CatalogFiles,
    private readonly registry: PluginRegistry,
  ) {
    this.document = files.readCatalog();
  }

  /** Reads the data directory (missing files mean an empty catalog; nothing is created until a write). */
  static open(dataDir: string, registry: PluginRegistry): FileCatalog {
    return new FileCatalog(new CatalogFiles(dataDir), registry);
  }

  get dataDir(): string {
    return this.files.dataDir;
  }

  getConnection(name: string): ConnectionEntry | undefined {
    return findByName(this.document.connections, name);
  }

  listConnections(): ConnectionEntry[] {
    return [...this.document.connections];
  }

  getModel(name: string): ModelEntry | undefined {
    return findByName(this.document.models, name);
  }

  listModels(): ModelEntry[] {
    return [...this.document.models];
  }

  getTable(name: string): TableEntry | undefined {
    return findByName(this.document.tables, name);
  }

  listTables(): TableEntry[] {
    return [...this.document.tables];
  }

  connectionSecrets(name: string): Record<string, string> {
    const entry = this.getConnection(name);
    return entry ? { ...(this.loadSecrets()[entry.name] ?? {}) } : {};
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
        message: `Secret ${missing.map((key) => `'${key}'`).join(', ')} of ${owner} is missing from ${this.files.secretsPath}; set it again with ALTER CONNECTION.`,
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
    return this.document.models
      .filter((model) =>
        model.versions.some((version) =>
          Object.entries(version.options).some(
            ([key, value]) => CONNECTION_KEY.test(key) && value.toLowerCase() === lower,
          ),
        ),
      )
      .map((model) => model.name);
  }

  putConnection(entry: ConnectionEntry, secrets: Record<string, string>): Promise<void> {
    return this.mutate(async () => {
      const secretsDocument = { ...this.loadSecrets() };
      const previous = this.getConnection(entry.name);
      if (previous) delete secretsDocument[previous.name];
      if (Object.keys(secrets).length > 0) secretsDocument[entry.name] = { ...secrets };
      // Secrets first: a catalog entry must never point at secrets that were not written.
      await this.writeSecrets(secretsDocument);
      await this.writeCatalog({ ...this.document, connections: replaced(this.document.connections, previous, entry) });
    });
  }

  dropConnection(name: string): Promise<void> {
    return this.mutate(async () => {
      const entry = this.getConnection(name);
      if (!entry) return;
      await this.writeCatalog({ ...this.document, connections: this.document.connections.filter((c) => c !== entry) });
      const secretsDocument = { ...this.loadSecrets() };
      if (entry.name in secretsDocument) {
        delete secretsDocument[entry.name];
        await this.writeSecrets(secretsDocument);
      }
    });
  }

  putModel(entry: ModelEntry): Promise<void> {
    return this.mutate(() => this.writeCatalog({ ...this.document, models: replaced(this.document.models, this.getModel(entry.name), entry) }));
  }

  renameModel(from: string, to: string): Promise<void> {
    return this.mutate(async () => {
      const entry = this.getModel(from);
      if (!entry) return;
      await this.writeCatalog({ ...this.document, models: replaced(this.document.models, entry, { ...entry, name: to }) });
    });
  }

  dropModel(name: string): Promise<void> {
    return this.mutate(async () => {
      const entry = this.getModel(name);
      if (entry) await this.writeCatalog({ ...this.document, models: this.document.models.filter((m) => m !== entry) });
    });
  }

  putTable(entry: TableEntry): Promise<void> {
    return this.mutate(() => this.writeCatalog({ ...this.document, tables: replaced(this.document.tables, this.getTable(entry.name), entry) }));
  }

  dropTable(name: string): Promise<void> {
    return this.mutate(async () => {
      const entry = this.getTable(name);
      if (entry) await this.writeCatalog({ ...this.document, tables: this.document.tables.filter((t) => t !== entry) });
    });
  }

  private loadSecrets(): SecretsDocument {
    this.secrets ??= this.files.readSecrets();
    return this.secrets;
  }

  /** The in-memory state changes only after the file is written, so a failed write changes nothing. */
  private async writeCatalog(document: CatalogDocument): Promise<void> {
    await this.files.writeCatalog(document);
    this.document = document;
  }

  private async writeSecrets(document: SecretsDocument): Promise<void> {
    await this.files.writeSecrets(document);
    this.secrets = document;
  }

  private mutate(work: () => Promise<void>): Promise<void> {
    const run = this.pending.then(work);
    this.pending = run.catch(() => undefined);
    return run;
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
