import { MAX_NESTING_DEPTH } from './nesting-depth.js';
import { SqlSyntaxError } from './syntax-error.js';

/** SQL nested deeper than MAX_NESTING_DEPTH: a parse failure of its own kind, with a position. */
export class SqlTooDeepError extends SqlSyntaxError {
  readonly limit: number;

  constructor(input: string, offset: number, source: string | undefined, limit = MAX_NESTING_DEPTH) {
    const { line, column } = positionAt(input, offset);
    super(
      `the statement nests deeper than ${limit} levels (parentheses, calls, CASE, ARRAY, types, NOT or minus signs); ` +
        'flatten it or split it into several statements',
      { line, column, offset, length: 1, expected: [], found: input.charAt(offset) || null, input, ...(source === undefined ? {} : { source }) },
    );
    this.limit = limit;
  }
}

/** 1-based line and column of `offset`, counting \r\n, \n and \r as line ends, as peggy does. */
function positionAt(input: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < offset; at += 1) {
    const char = input.charCodeAt(at);
    if (char === 10 || (char === 13 && input.charCodeAt(at + 1) !== 10)) {
      line += 1;
      lineStart = at + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
