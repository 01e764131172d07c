import type { Statement } from '@lateral/parser';
import type { Column, Row } from '@lateral/spec';

/** A statement that changes state and reports it (`Model 'm' with version 1 created. Default version: 1`). */
export interface MessageResult {
  kind: 'message';
  statement: Statement;
  message: string;
  /** Things the user should know that did not stop the statement (e.g. plain http to a remote host). */
  warnings?: string[];
}

/**
 * A statement that produces rows (SELECT, VALUES, SHOW, DESCRIBE). Rows arrive in batches and are
 * pulled: the caller must drain (or `return()`) the iterator before the next statement runs.
 */
export interface RowsResult {
  kind: 'rows';
  statement: Statement;
  columns: Column[];
  rows: AsyncIterable<Row[]>;
}

export type StatementResult = MessageResult | RowsResult;
