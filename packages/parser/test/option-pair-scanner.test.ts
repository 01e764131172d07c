import { describe, expect, it } from 'vitest';
import { scanOptionPairs } from '@lateral/parser';

const values = (text: string) => scanOptionPairs(text).map((pair) => [pair.key, text.slice(pair.valueStart, pair.valueEnd), pair.quote ?? null, pair.terminated]);

describe('scanOptionPairs', () => {
  it('finds quoted, double-quoted, bare and unterminated values, in both readings', () => {
    const pairs = values(`WITH ('a' = 'x''y', "b"="q", c = bare-value, 'd'='open`);
    expect(pairs).toContainEqual(['a', "x''y", "'", true]);
    expect(pairs).toContainEqual(['b', 'q', '"', true]);
    expect(pairs).toContainEqual(['c', 'bare-value', null, true]);
    expect(pairs).toContainEqual(['d', 'open', "'", false]);
  });

  it('reads a multi-line string whole as SQL, and line by line after an unterminated one', () => {
    const text = "('k' = 'line one\nline two');\n('u'='open);\n('w' = 'later')";
    const pairs = values(text);
    expect(pairs).toContainEqual(['k', 'line one\nline two', "'", true]);
    expect(pairs).toContainEqual(['w', 'later', "'", true]);
  });

  it('skips SQL comments in the SQL reading but reads them as text line by line', () => {
    const pairs = values("-- 'k' = 'in a comment'\n/* 'j' = 'block' */ ('m' = 'v')");
    expect(pairs).toContainEqual(['k', 'in a comment', "'", true]);
    expect(pairs).toContainEqual(['m', 'v', "'", true]);
  });

  it('is linear on inputs that defeat a backtracking regex (megabytes, many quotes, no recursion)', () => {
    const quotes = `'${"x''".repeat(1_000_000)}`;
    expect(values(quotes)).toEqual([]);
    const lines = "'k' = 'unterminated\n".repeat(200_000);
    expect(scanOptionPairs(lines).length).toBeGreaterThanOrEqual(200_000);
    const long = `('k' = '${'v'.repeat(5_000_000)}')`;
    expect(scanOptionPairs(long)[0]).toMatchObject({ key: 'k', valueStart: 8, valueEnd: 5_000_008, terminated: true });
  });
});
