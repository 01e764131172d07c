import type { Column, Row } from '../types/schema.js';
import type { Diagnostic } from './diagnostic.js';

export interface TableDefinition {
  name: string;
  columns: Column[];
  /**
   * WITH options, keys lower-cased. `connector` absent means `memory`. In the catalog, the values
   * of secret options are not here (they live in the store's secrets); what a connector is handed
   * at run time has them back, with every `${env:NAME}` resolved.
   */
  options: Record<string, string>;
}

export interface ConnectorContext {
  /** The data directory (memory tables persist their rows under it). */
  dataDir: string;
  signal?: AbortSignal;
  /**
   * The table's options as the connector must use them: secrets included, every `${env:NAME}`
   * resolved (v2; also the `options` of the TableDefinition it is handed). Never log or print
   * them: errors that quote a secret are masked by the engine, but only the values it knows.
   */
  options?: Readonly<Record<string, string>>;
  /** The process environment the statement runs with (v2). */
  environment?: Readonly<Record<string, string | undefined>>;
}

/**
 * Where a source is in its input after a batch: per-partition offsets for a log (Kafka: topic →
 * partition → next offset), a row count for a file or a memory table. Opaque to the kernel, which
 * hands the positions of the last batch it consumed to the sink's `commit`; JSON-serialisable, so
 * it can be stored with the output it produced.
 */
export type SourcePositions = unknown;

export interface SourceBatch {
  rows: Row[];
  /** The positions just after this batch's rows (undefined: the source has none to commit). */
  positions?: SourcePositions;
}

/** One read of a table. */
export interface TableSource {
  /** True when `read` ends (a file, a memory table); false for a stream that never does. */
  readonly bounded: boolean;
  /** Batches of rows, pulled (backpressure: the source reads ahead only when asked). */
  read(): AsyncIterable<SourceBatch>;
  /**
   * Told once the sink committed the output made from the rows up to `positions` (durable and
   * visible): a source that keeps its own positions (a Kafka consumer group's offsets) commits
   * them now and never before, so a crash in between re-reads rows (at-least-once), never loses
   * them. A sink that stores positions itself (exactly-once) got them in `commit`.
   */
  committed?(positions: SourcePositions): Promise<void>;
}

/**
 * A sink of contract v2. `write` hands rows over in order; `flush` is a durable point: when it
 * returns, every row written so far survives a crash of this process (it is not yet visible);
 * `commit(positions)` makes the output visible together with the source positions it was made from
 * (a transactional sink stores them in the same transaction; one that cannot ignores them); `abort`
 * drops what was written since the last commit (also after a flush). A bounded INSERT calls
 * write… flush, commit once at the end; an unbounded one (next: Kafka) calls flush and commit
 * repeatedly, and the sink keeps accepting writes after a commit.
 */
export interface TableSinkV2 {
  write(rows: Row[]): Promise<void>;
  flush(): Promise<void>;
  commit(positions?: SourcePositions): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Option keys a connector declares secret: exact keys (`password`) or patterns where `*` stands
 * for any characters (`properties.*.password`). Matched lower-cased. Keys the generic rule
 * (isSecretOptionKey: `...password`, `...secret`, `...key`, `...jaas.config`, ...) calls secret
 * are secret whatever the connector declares.
 */
export type SecretOptionKeys = readonly string[];

/** A table storage/transport plugin of contract v2 (`'connector' = 'memory' | 'filesystem' | ...`). */
export interface ConnectorV2 {
  readonly specificationVersion: 'v2';
  readonly id: string;
  /**
   * Whether reads of this connector's tables end (data, for the kernel and `SHOW`): a stream
   * connector declares false; its `source` may still report a bounded read for a table
   * configured to stop (Kafka's `scan.bounded.mode`).
   */
  readonly bounded: boolean;
  /** Option keys whose values are secrets, besides the generic rule (see SecretOptionKeys). */
  readonly secretOptions?: SecretOptionKeys;
  validate(table: TableDefinition): Diagnostic[];
  source(table: TableDefinition, context: ConnectorContext): TableSource;
  openSink(table: TableDefinition, context: ConnectorContext): Promise<TableSinkV2>;
  /** Deletes stored rows when the table is dropped. */
  drop?(table: TableDefinition, context: ConnectorContext): Promise<void>;
  /**
   * How many rows a read would yield now, when the connector can tell cheaply (without decoding
   * them); the CLI's progress line shows a total, a percentage and an ETA from it.
   */
  countRows?(table: TableDefinition, context: ConnectorContext): Promise<number>;
}

/** A v1 sink: writes batches in order and makes them durable and visible on `close`. */
export interface TableSink {
  write(rows: Row[]): Promise<void>;
  close(): Promise<void>;
  /** Drops what was written since open (the statement failed). */
  abort(): Promise<void>;
}

/**
 * Contract v1, still accepted: the registry adapts a v1 connector to v2 (connector-v1-adapter.ts):
 * bounded, no positions, `commit` = `close`, `flush` a no-op.
 */
export interface ConnectorV1 {
  readonly specificationVersion: 'v1';
  readonly id: string;
  validate(table: TableDefinition): Diagnostic[];
  /** Reads the table as batches of rows; must respect backpressure (pull-based). */
  read(table: TableDefinition, context: ConnectorContext): AsyncIterable<Row[]>;
  openSink(table: TableDefinition, context: ConnectorContext): Promise<TableSink>;
  /** Deletes stored rows when the table is dropped. */
  drop?(table: TableDefinition, context: ConnectorContext): Promise<void>;
  countRows?(table: TableDefinition, context: ConnectorContext): Promise<number>;
}

export type AnyConnector = ConnectorV1 | ConnectorV2;
