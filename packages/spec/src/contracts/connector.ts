import type { Column, Row } from '../types/schema.js';
import type { Diagnostic } from './diagnostic.js';

export interface TableDefinition {
  name: string;
  columns: Column[];
  /** WITH options, keys lower-cased. `connector` absent means `memory`. */
  options: Record<string, string>;
}

export interface ConnectorContext {
  /** The data directory (memory tables persist their rows under it). */
  dataDir: string;
  signal?: AbortSignal;
}

/** A sink writes batches in order and makes them durable on `close`. */
export interface TableSink {
  write(rows: Row[]): Promise<void>;
  close(): Promise<void>;
  /** Drops what was written since open (the statement failed). */
  abort(): Promise<void>;
}

/** A table storage/transport plugin (`'connector' = 'memory' | 'filesystem' | ...`). */
export interface ConnectorV1 {
  readonly specificationVersion: 'v1';
  readonly id: string;
  validate(table: TableDefinition): Diagnostic[];
  /** Reads the table as batches of rows; must respect backpressure (pull-based). */
  read(table: TableDefinition, context: ConnectorContext): AsyncIterable<Row[]>;
  openSink(table: TableDefinition, context: ConnectorContext): Promise<TableSink>;
  /** Deletes stored rows when the table is dropped. */
  drop?(table: TableDefinition, context: ConnectorContext): Promise<void>;
  /**
   * How many rows a read would yield now, when the connector can tell cheaply (without decoding
   * them); the CLI's progress line shows a total, a percentage and an ETA from it.
   */
  countRows?(table: TableDefinition, context: ConnectorContext): Promise<number>;
}
