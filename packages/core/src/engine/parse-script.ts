import { parse, SqlSyntaxError, type Script } from '@lateral/parser';
import { LateralError } from '../errors/lateral-error.js';
import { redactedExcerpt } from './source-excerpt.js';

/** Parses a whole script before anything runs; a syntax error becomes LATERAL_ERR_PARSE_SYNTAX. */
export function parseScript(sql: string, source: string | undefined): Script {
  try {
    return parse(sql, source === undefined ? {} : { source });
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    const start = { offset: error.offset, line: error.line, column: error.column };
    const location = {
      ...(error.source === undefined ? {} : { source: error.source }),
      start,
      end: { offset: error.offset + error.length, line: error.line, column: error.column + error.length },
    };
    throw new LateralError({
      code: 'LATERAL_ERR_PARSE_SYNTAX',
      message: error.message,
      location,
      expected: error.expected,
      details: { excerpt: redactedExcerpt(sql, location) },
      cause: error,
    });
  }
}
