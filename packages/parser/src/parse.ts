import type { ObjectName, Script, Statement } from './ast.js';
import { convertPeggyError } from './convert-peggy-error.js';
import { parse as generatedParse, SyntaxError as PeggySyntaxError } from './generated/parser.js';
import { measureNesting } from './nesting-depth.js';
import { RESERVED_WORDS } from './reserved-words.js';
import { SqlTooDeepError } from './too-deep-error.js';

export interface ParseOptions {
  /** A name for the SQL text (usually a file path); it appears in locations and error messages. */
  source?: string;
}

/** Parses a script of `;`-separated statements (empty statements are skipped). */
export function parse(sql: string, options: ParseOptions = {}): Script {
  return guarded(sql, options, 'Script') as Script;
}

/** Parses exactly one statement; a trailing `;` is allowed. */
export function parseStatement(sql: string, options: ParseOptions = {}): Statement {
  return guarded(sql, options, 'SingleStatement') as Statement;
}

/**
 * Reads the text of a model-name string (`db.m$2`, `` `cat`.`db`.`m` ``, `m$all`) as a
 * ModelRef's string form does; undefined when it is not a model name. Locations are offsets
 * into `text`.
 */
export function parseModelName(text: string): ObjectName | undefined {
  try {
    return generatedParse(text, { ...peggyOptions({}), startRule: 'ModelNameText' }) as ObjectName;
  } catch (error) {
    if (error instanceof PeggySyntaxError) return undefined;
    throw error;
  }
}

/**
 * Text nested past MAX_NESTING_DEPTH is refused before the (recursive) generated parser starts on
 * it. Should the stack still run out, the failure is reported the same way, at the deepest point.
 */
function guarded(sql: string, options: ParseOptions, startRule: 'Script' | 'SingleStatement'): unknown {
  const nesting = measureNesting(sql);
  if (nesting.exceededAt !== undefined) throw new SqlTooDeepError(sql, nesting.exceededAt, options.source);
  try {
    return generatedParse(sql, { ...peggyOptions(options), startRule });
  } catch (error) {
    if (isStackOverflow(error)) throw new SqlTooDeepError(sql, nesting.offset, options.source);
    throw error instanceof PeggySyntaxError ? convertPeggyError(error, sql, options.source) : error;
  }
}

function peggyOptions(options: ParseOptions) {
  return {
    ...(options.source === undefined ? {} : { grammarSource: options.source }),
    reservedWords: RESERVED_WORDS,
  };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
