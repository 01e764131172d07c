/**
 * The SQL data types and source positions that plugins see: the parser produces them, the
 * contracts (columns, errors with a location) carry them. They live here, below the parser, so a
 * provider or connector package needs only @lateral/spec.
 */

export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

export interface SourceLocation {
  source?: string;
  start: SourcePosition;
  end: SourcePosition;
}

export type DataType = (
  | { kind: 'STRING' }
  | { kind: 'VARCHAR'; length: number }
  | { kind: 'CHAR'; length: number }
  | { kind: 'BOOLEAN' }
  | { kind: 'TINYINT' }
  | { kind: 'SMALLINT' }
  | { kind: 'INT' }
  | { kind: 'BIGINT' }
  | { kind: 'FLOAT' }
  | { kind: 'DOUBLE' }
  | { kind: 'DECIMAL'; precision: number; scale: number }
  | { kind: 'DATE' }
  | { kind: 'TIME'; precision: number }
  | { kind: 'TIMESTAMP'; precision: number; withLocalTimeZone: boolean }
  | { kind: 'BYTES' }
  | { kind: 'BINARY'; length: number }
  | { kind: 'VARBINARY'; length: number }
  | { kind: 'ARRAY'; element: DataType }
  | { kind: 'MAP'; key: DataType; value: DataType }
  | { kind: 'ROW'; fields: RowField[] }
) & { nullable: boolean };

export interface RowField {
  name: string;
  dataType: DataType;
  comment?: string;
}

