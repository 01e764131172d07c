import type { ColumnDef, DataType, Statement } from '@lateral/parser';
import type { MessageResult, RowsResult } from '../engine/statement-result.js';
import type { Column, Row } from '@lateral/spec';

export function messageResult(statement: Statement, message: string, warnings: string[] = []): MessageResult {
  return { kind: 'message', statement, message, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** SHOW / DESCRIBE answers are small and known in full: one batch (none when empty). */
export function rowsResult(statement: Statement, columns: Column[], rows: Row[]): RowsResult {
  return {
    kind: 'rows',
    statement,
    columns,
    rows: (async function* () {
      if (rows.length > 0) yield rows;
    })(),
  };
}

const NULLABLE_STRING: DataType = { kind: 'STRING', nullable: true };

export function stringColumn(name: string): Column {
  return { name, dataType: NULLABLE_STRING };
}

export function typedColumn(name: string, kind: 'INT' | 'BOOLEAN'): Column {
  return { name, dataType: { kind, nullable: false } };
}

export function toColumns(definitions: readonly ColumnDef[] | undefined): Column[] | undefined {
  return definitions?.map((definition) => ({
    name: definition.name,
    dataType: definition.dataType,
    ...(definition.comment === undefined ? {} : { comment: definition.comment }),
  }));
}

/** `` `name` `` as messages quote object names (the documentation's style). */
export function quoted(name: string): string {
  return `\`${name}\``;
}
