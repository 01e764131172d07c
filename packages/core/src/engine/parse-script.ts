import { parse, SqlSyntaxError, SqlTooDeepError, type Script } from '@lateral/parser';
import { nearestName } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { redactedExcerpt } from './source-excerpt.js';

/**
 * Parses a whole script before anything runs; a syntax error becomes LATERAL_ERR_PARSE_SYNTAX, SQL
 * nested past the parser's limit LATERAL_ERR_PARSE_TOO_DEEP.
 */
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
      code: error instanceof SqlTooDeepError ? 'LATERAL_ERR_PARSE_TOO_DEEP' : 'LATERAL_ERR_PARSE_SYNTAX',
      message: error instanceof SqlTooDeepError ? error.message : withKeywordSuggestion(error.message, error.found, error.expected),
      location,
      expected: error.expected,
      details: { excerpt: redactedExcerpt(sql, location) },
      cause: error,
    });
  }
}

/** A misspelt keyword (`SELEC`, `FORM`) gets the expected keyword nearest to it. */
function withKeywordSuggestion(message: string, found: string | null, expected: readonly string[]): string {
  if (found === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(found)) return message;
  const keywords = expected.filter((item) => /^[A-Z][A-Z_]*$/.test(item));
  const suggestion = nearestName(found, keywords);
  return suggestion ? `${message}; did you mean ${suggestion}?` : message;
}
