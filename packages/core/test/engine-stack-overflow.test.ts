import { parse } from '@lateral/parser';
import { describe, expect, it } from 'vitest';
import { LateralError } from '@lateral/core';
import { withStatementContext } from '../src/engine/statement-errors.js';

/**
 * The last line of defence behind the parser's nesting limit: a stack overflow in any later stage
 * of a statement reaches the user as the coded error for that statement, with its position and
 * excerpt, not as LATERAL_ERR_INTERNAL with a JS stack and install paths.
 */
describe('a stack overflow while a statement runs', () => {
  it('becomes LATERAL_ERR_PARSE_TOO_DEEP located at the statement', () => {
    const sql = 'SHOW TABLES;\nSELECT 1 AS x;';
    const statement = parse(sql).statements[1]!;
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (error) {
      overflow = error;
    }
    expect(overflow).toBeInstanceOf(RangeError);
    const error = withStatementContext(overflow, statement, 1, sql) as LateralError;
    expect(LateralError.isInstance(error)).toBe(true);
    expect(error.code).toBe('LATERAL_ERR_PARSE_TOO_DEEP');
    expect(error.location?.start).toMatchObject({ line: 2, column: 1 });
    expect(error.message).not.toMatch(/\bat\b.*\(/);
    expect(String(error.details?.excerpt)).toContain('SELECT 1 AS x');
  });

  it('leaves other errors as they are', () => {
    const statement = parse('SELECT 1 AS x;').statements[0]!;
    const other = new RangeError('Invalid array length');
    expect(withStatementContext(other, statement, 0, 'SELECT 1 AS x;')).toBe(other);
  });
});
