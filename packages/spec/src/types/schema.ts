import type { DataType } from './sql-types.js';

export type { DataType };

/** A named, typed column of a table, a model's INPUT/OUTPUT, or a query result. */
export interface Column {
  name: string;
  dataType: DataType;
  comment?: string;
}

/**
 * A row is positional: `row[i]` is the value of `schema[i]`.
 *
 * Value representation by SQL type: STRING/VARCHAR/CHAR → string; BOOLEAN → boolean;
 * TINYINT..BIGINT, FLOAT, DOUBLE, DECIMAL → number; DATE → 'YYYY-MM-DD'; TIME → 'HH:MM:SS[.f]';
 * TIMESTAMP → 'YYYY-MM-DD HH:MM:SS[.f]'; BYTES/BINARY/VARBINARY → Uint8Array; ARRAY → unknown[];
 * MAP → Record<string, unknown>; ROW → Record<string, unknown> keyed by field name; NULL → null.
 * Everything a row holds survives structured cloning, so rows cross to worker threads as they are.
 */
export type Row = unknown[];

/** Task ids of the dialect (§6). */
export type TaskId = 'classification' | 'clustering' | 'embedding' | 'regression' | 'text_generation';

export const TASK_IDS: readonly TaskId[] = [
  'classification',
  'clustering',
  'embedding',
  'regression',
  'text_generation',
];
