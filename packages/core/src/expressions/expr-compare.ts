import type { DataType } from '@lateral/spec';
import { compareNumbers } from './expr-exact.js';
import { isNumeric } from './expr-types.js';

/**
 * Orders two non-null values of comparable types: numbers numerically, text by UTF-16 code units
 * (dates and timestamps are canonical text, so this orders them in time), FALSE before TRUE,
 * arrays and bytes element by element.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  // A BIGINT beyond 2^53 is a bigint; number/bigint comparisons are exact in JS.
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareSequences([...a], [...b]);
  if (Array.isArray(a) && Array.isArray(b)) return compareSequences(a, b);
  const left = JSON.stringify(a, bigintAsText);
  const right = JSON.stringify(b, bigintAsText);
  return left < right ? -1 : left > right ? 1 : 0;
}

const bigintAsText = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

function compareSequences(a: readonly unknown[], b: readonly unknown[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) {
      if (x !== y) return x === null ? -1 : 1;
      continue;
    }
    const order = compareValues(x, y);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Sort order with NULLs first, as Flink orders ascending (and last when descending). */
export function compareNullsFirst(a: unknown, b: unknown, compare: (a: unknown, b: unknown) => number = compareValues): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compare(a, b);
}

/** How values of one type order: numbers exactly (a large DECIMAL is text: expr-exact.ts). */
export function comparatorFor(type: DataType): (a: unknown, b: unknown) => number {
  return isNumeric(type) ? compareNumbers : compareValues;
}

/** A key that is equal for equal rows, for DISTINCT. */
export function rowKey(values: readonly unknown[]): string {
  return JSON.stringify(values, (_key, value: unknown) =>
    value instanceof Uint8Array ? { bytes: Buffer.from(value).toString('base64') } : typeof value === 'bigint' ? { bigint: value.toString() } : value,
  );
}
