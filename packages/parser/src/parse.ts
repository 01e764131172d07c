import type { Script, Statement } from './ast.js';
import { convertPeggyError } from './convert-peggy-error.js';
import { parse as generatedParse, SyntaxError as PeggySyntaxError } from './generated/parser.js';
import { RESERVED_WORDS } from './reserved-words.js';

export interface ParseOptions {
  /** A name for the SQL text (usually a file path); it appears in locations and error messages. */
  source?: string;
}

/** Parses a script of `;`-separated statements (empty statements are skipped). */
export function parse(sql: string, options: ParseOptions = {}): Script {
  try {
    return generatedParse(sql, { ...peggyOptions(options), startRule: 'Script' });
  } catch (error) {
    throw translate(error, sql, options);
  }
}

/** Parses exactly one statement; a trailing `;` is allowed. */
export function parseStatement(sql: string, options: ParseOptions = {}): Statement {
  try {
    return generatedParse(sql, { ...peggyOptions(options), startRule: 'SingleStatement' });
  } catch (error) {
    throw translate(error, sql, options);
  }
}

function peggyOptions(options: ParseOptions) {
  return {
    ...(options.source === undefined ? {} : { grammarSource: options.source }),
    reservedWords: RESERVED_WORDS,
  };
}

function translate(error: unknown, sql: string, options: ParseOptions): unknown {
  return error instanceof PeggySyntaxError ? convertPeggyError(error, sql, options.source) : error;
}
