/**
 * Words that cannot be used as bare identifiers (they must be written in back-quotes).
 *
 * This is a deliberately small subset of the reserved keywords of Apache Calcite
 * (https://calcite.apache.org/docs/reference.html#keywords) and Apache Flink
 * (https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql/overview/#reserved-keywords),
 * plus MODEL and MODELS, which Confluent Cloud reserves (confluent-dialect.md §2).
 *
 * A word is listed when reserving it matters for parsing this dialect: it can follow an
 * expression or a table where an alias without AS could otherwise appear (FROM, WHERE, JOIN, ON,
 * ...), or it starts a special form (CASE, CAST, MAP[...]). Words that are reserved in Calcite but
 * are common column names in inference tables (VALUE, DATA, TYPE, TIME, DATE, ...) and Flink's
 * non-reserved keywords (COMMENT, CONNECTION, INPUT, OUTPUT, VERSION, ...) stay usable.
 *
 * The grammar reads this table at parse time (src/parse.ts passes it in) and the printer reads it
 * to decide where back-quotes are needed, so the two always agree.
 */
export const RESERVED_WORDS: readonly string[] = [
  'ALL',
  'ALTER',
  'AND',
  'ARRAY',
  'AS',
  'BETWEEN',
  'BY',
  'CASE',
  'CAST',
  'CREATE',
  'CROSS',
  'CURRENT',
  'DELETE',
  'DESCRIBE',
  'DISTINCT',
  'DROP',
  'ELSE',
  'END',
  'EXCEPT',
  'EXISTS',
  'FALSE',
  'FETCH',
  'FOR',
  'FROM',
  'FULL',
  'GROUP',
  'HAVING',
  'IN',
  'INNER',
  'INSERT',
  'INTERSECT',
  'INTERVAL',
  'INTO',
  'IS',
  'JOIN',
  'LATERAL',
  'LEFT',
  'LIKE',
  'LIMIT',
  'MAP',
  'MODEL',
  'MODELS',
  'NATURAL',
  'NOT',
  'NULL',
  'OFFSET',
  'ON',
  'OR',
  'ORDER',
  'OUTER',
  'RESET',
  'RIGHT',
  'SELECT',
  'SET',
  'TABLE',
  'THEN',
  'TRUE',
  'UNION',
  'UNKNOWN',
  'UPDATE',
  'USING',
  'VALUES',
  'WHEN',
  'WHERE',
  'WINDOW',
  'WITH',
];

const reserved = new Set(RESERVED_WORDS);

/** True when `word` (any case) must be back-quoted to be used as an identifier. */
export function isReservedWord(word: string): boolean {
  return reserved.has(word.toUpperCase());
}
