import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LateralError } from '@lateral/spec';
import { hasLegacyFiles, importLegacyFiles, retireLegacyFiles } from './legacy-import.js';
import { removeDeadWriterLeftovers } from './store-cleanup.js';
import { STORE_SCHEMA, STORE_SCHEMA_VERSION } from './store-schema.js';

export type StoreDatabase = Database.Database;

export const STORE_FILE = 'lateral.db';
/** The data directory and everything in it are the owner's only: the store holds secrets. */
export const DATA_DIR_MODE = 0o700;
export const STORE_FILE_MODE = 0o600;
/** How long a statement waits for another process's write transaction before it fails. */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * The data directory's one SQLite database (`lateral.db`, WAL mode): catalog, secrets and memory
 * tables' rows. SQLite's file locks are the data directory's lock: every change is a `BEGIN
 * IMMEDIATE` transaction (one writer at a time, across processes; others wait up to
 * BUSY_TIMEOUT_MS), readers never wait and see only committed transactions, and a process killed
 * mid-transaction leaves nothing of it (the OS releases its locks; SQLite rolls the WAL back).
 *
 * The database is opened on first use; reading a data directory that does not exist creates
 * nothing. One store per data directory per process (`dataStoreFor`), shared by the catalog and
 * the memory connector, since a statement's rows and its catalog change may share a transaction.
 */
export class DataStore {
  readonly path: string;
  private db: StoreDatabase | undefined;
  /** Commits made through this connection (data_version does not count them). */
  private localCommits = 0;

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, STORE_FILE);
  }

  /** False while neither the database nor a previous version's catalog files exist. */
  exists(): boolean {
    return this.db !== undefined || existsSync(this.path) || hasLegacyFiles(this.dataDir);
  }

  /** Runs `work` in one read transaction: a consistent snapshot of committed state. */
  read<T>(work: (db: StoreDatabase) => T): T {
    const db = this.database();
    return this.guard(() => db.transaction(work).deferred(db));
  }

  /**
   * Runs `work` in one write transaction, holding the data directory's write lock (`BEGIN
   * IMMEDIATE`): read the current state inside `work`, never a copy taken earlier. `durable`
   * syncs the commit to disk (catalog changes, an INSERT's commit); without it a commit survives a
   * killed process but not a power cut (an INSERT's chunks, made durable by its commit).
   */
  write<T>(work: (db: StoreDatabase) => T, options: { durable?: boolean } = { durable: true }): T {
    const db = this.database();
    try {
      return this.guard(() => {
        if (options.durable === false) return db.transaction(work).immediate(db);
        db.pragma('synchronous = FULL');
        try {
          return db.transaction(work).immediate(db);
        } finally {
          db.pragma('synchronous = NORMAL');
        }
      });
    } finally {
      this.localCommits += 1;
    }
  }

  /**
   * Changes whenever anything may have been committed since the last call: by another process
   * (SQLite's data_version) or through this process's own connection.
   */
  changeStamp(): string {
    return `${String(this.database().pragma('data_version', { simple: true }))}:${this.localCommits}`;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private database(): StoreDatabase {
    if (this.db) return this.db;
    this.guard(() => {
      mkdirSync(this.dataDir, { recursive: true, mode: DATA_DIR_MODE });
      // SQLite creates the -wal and -shm files with the database file's mode: create it 0600 first.
      closeSync(openSync(this.path, 'a', STORE_FILE_MODE));
      chmodSync(this.path, STORE_FILE_MODE);
    });
    const db = this.guard(() => new Database(this.path, { timeout: BUSY_TIMEOUT_MS }));
    try {
      this.guard(() => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const imported = db
          .transaction(() => {
            db.exec(STORE_SCHEMA);
            const version = db.prepare("SELECT value FROM store_meta WHERE key = 'schema'").pluck().get() as string | undefined;
            if (version === undefined) {
              db.prepare("INSERT INTO store_meta (key, value) VALUES ('schema', ?)").run(String(STORE_SCHEMA_VERSION));
              return importLegacyFiles(db, this.dataDir, this.path);
            }
            if (Number(version) !== STORE_SCHEMA_VERSION) {
              throw new LateralError({
                code: 'LATERAL_ERR_CATALOG_CORRUPT',
                message: `The data directory's store ${this.path} has format ${version}; this version of Lateral reads format ${STORE_SCHEMA_VERSION}.`,
                details: { file: this.path },
              });
            }
            return false;
          })
          .immediate();
        if (imported) retireLegacyFiles(this.dataDir);
        removeDeadWriterLeftovers(db, this.dataDir);
      });
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return db;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.path);
    }
  }
}

function storeError(error: unknown, path: string): unknown {
  if (LateralError.isInstance(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new LateralError({
      code: 'LATERAL_ERR_DATA_DIR_BUSY',
      message: `The data directory's store ${path} stayed locked by another process for ${BUSY_TIMEOUT_MS / 1000} s; try again when it has finished.`,
      details: { file: path },
      cause: error,
    });
  }
  // The operating system refused (permissions, a read-only or full disk, a file in the way):
  // nothing is corrupt, so this is the same LATERAL_ERR_FILE_IO the CLI gives any refused file operation.
  if (typeof code === 'string' && FILE_IO_CODES.some((c) => code.startsWith(c))) {
    const system = error as { syscall?: unknown; path?: unknown };
    const operation = typeof system.syscall === 'string' ? system.syscall : 'open';
    const where = typeof system.path === 'string' ? system.path : path;
    return new LateralError({
      code: 'LATERAL_ERR_FILE_IO',
      message: `cannot ${operation} ${where}: ${code} (${fileIoHint(code)}).`,
      details: { file: where },
      cause: error,
    });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new LateralError({
      code: 'LATERAL_ERR_CATALOG_CORRUPT',
      message: `The data directory's store ${path} is not a readable SQLite database (${String(code)}). Restore it from a backup or move the data directory away.`,
      details: { file: path },
      cause: error,
    });
  }
  return error;
}

const FILE_IO_CODES = ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL'];

function fileIoHint(code: string): string {
  if (code === 'ENOSPC' || code.startsWith('SQLITE_FULL')) return 'the disk is full';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of the data directory';
  return "the data directory and its store lateral.db must be writable by you: check their permissions or choose another data directory";
}

const stores = new Map<string, DataStore>();

/** The process's one store of `dataDir`. */
export function dataStoreFor(dataDir: string): DataStore {
  const key = resolve(dataDir);
  let store = stores.get(key);
  if (!store) {
    store = new DataStore(dataDir);
    stores.set(key, store);
  }
  return store;
}
