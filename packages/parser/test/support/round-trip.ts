import { expect } from 'vitest';
import { parseStatement, printStatement } from '../../src/index.js';

/** A copy of an AST without `location` and `text`, so two spellings of one statement compare equal. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'location' && key !== 'text')
      .map(([key, item]) => [key, withoutPositions(item)]),
  );
}

/**
 * `input` prints as `canonical`, the canonical text prints as itself, and both parse to the same
 * AST (ignoring positions).
 */
export function expectRoundTrip(input: string, canonical: string): void {
  const statement = parseStatement(input);
  expect(printStatement(statement)).toBe(canonical);
  const reparsed = parseStatement(canonical);
  expect(printStatement(reparsed)).toBe(canonical);
  expect(withoutPositions(reparsed)).toEqual(withoutPositions(statement));
}
