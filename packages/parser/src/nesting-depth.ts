import { isReservedWord } from './reserved-words.js';

/**
 * How deeply SQL may nest: parentheses, function calls, CAST, CASE, ARRAY[...] / MAP[...],
 * ARRAY<...> / MAP<...> / ROW<...> types, and runs of prefix NOT / unary minus each count one
 * level. The generated parser, and every stage after it that walks the tree, recurses once per
 * level; on Node's default stack the parser overflows near 930 nested parentheses (the costliest
 * level), so 256 leaves a margin of more than three to one for the stack the caller already uses
 * and for the later stages. Flat chains (`a OR b OR …`, `1 + 2 + …`, long lists) are not nesting:
 * they are parsed and walked iteratively, however long.
 */
export const MAX_NESTING_DEPTH = 256;

interface Level {
  kind: 'bracket' | 'case' | 'type';
  /** Offset of the construct that opened the level (the function name of `f(`, `CASE`, …). */
  start: number;
  /** Prefix NOTs in force at this level: they last until AND / OR / a keyword / the level closes. */
  nots: number;
  /** Prefix minus signs in force: they last until the operand ends (the next operator). */
  minuses: number;
  /** Postfix `INT ARRAY ARRAY …` type wrappers: they last until the column or field ends. */
  arrays: number;
}

export interface NestingReport {
  /** The deepest nesting found, in levels. */
  depth: number;
  /** Offset where that depth was first reached. */
  offset: number;
  /** Offset of the first construct past the limit, if any. */
  exceededAt?: number;
}

/** Keywords that do not end a NOT's operand (it binds looser than comparisons). */
const INSIDE_NOT = new Set(['IS', 'LIKE', 'NULL', 'TRUE', 'FALSE', 'CASE', 'END', 'CAST', 'TRY_CAST', 'ARRAY', 'MAP', 'ROW', 'NOT']);
/** Words after which a `-` or `NOT` is an infix operator, not a prefix. */
const OPERAND_KEYWORDS = new Set(['NULL', 'TRUE', 'FALSE', 'END']);

/**
 * Measures nesting depth in one linear pass, skipping string literals, quoted names and comments,
 * so the parser is never started on text that would exhaust the stack. It over-estimates rather
 * than under-estimates (an unbalanced text is measured as written), which only matters past the
 * limit, where the text is rejected either way.
 */
export function measureNesting(sql: string, limit = MAX_NESTING_DEPTH): NestingReport {
  const levels: Level[] = [{ kind: 'bracket', start: 0, nots: 0, minuses: 0, arrays: 0 }];
  let depth = 0;
  const report: NestingReport = { depth: 0, offset: 0 };
  // What the previous significant token was: an operand ends there (so `-` is infix), or not.
  let afterOperand = false;
  let index = 0;

  const top = (): Level => levels[levels.length - 1]!;
  const deeper = (offset: number): void => {
    depth += 1;
    if (depth > report.depth) {
      report.depth = depth;
      report.offset = offset;
    }
    if (depth > limit && report.exceededAt === undefined) report.exceededAt = offset;
  };
  const endRuns = (level: Level, which: 'minus' | 'all'): void => {
    depth -= level.minuses;
    level.minuses = 0;
    if (which === 'all') {
      depth -= level.nots + level.arrays;
      level.nots = 0;
      level.arrays = 0;
    }
  };
  const pop = (): void => {
    const level = levels.pop()!;
    depth -= 1 + level.nots + level.minuses + level.arrays;
  };
  const close = (kind: Level['kind']): void => {
    if (kind === 'bracket') {
      // a bracket also closes what was left open inside it (an unclosed `ARRAY<`, a CASE without END)
      if (!levels.slice(1).some((level) => level.kind === 'bracket')) return;
      while (top().kind !== 'bracket') pop();
      pop();
      return;
    }
    if (levels.length > 1 && top().kind === kind) pop();
  };
  const open = (kind: Level['kind'], start: number): void => {
    levels.push({ kind, start, nots: 0, minuses: 0, arrays: 0 });
    deeper(start);
  };

  while (index < sql.length && report.exceededAt === undefined) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
      continue;
    }
    const start = index;
    if (char === "'" || char === '"' || char === '`') {
      index = skipQuoted(sql, index, char);
      afterOperand = true;
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      while (index < sql.length && /[A-Za-z0-9_]/.test(sql[index]!)) index += 1;
      const text = sql.slice(start, index);
      const upper = text.toUpperCase();
      const level = top();
      if (upper === 'NOT' && !afterOperand) {
        level.nots += 1;
        deeper(start);
      } else if (upper === 'CASE') {
        open('case', start);
        afterOperand = false;
        continue;
      } else if (upper === 'END') {
        close('case');
      } else if (upper === 'ARRAY' && !/^\s*[<[]/.test(sql.slice(index, index + 64))) {
        // `INT ARRAY`: a postfix array type around what came before
        level.arrays += 1;
        deeper(start);
        continue;
      } else if (upper === 'AND' || upper === 'OR' || (isReservedWord(upper) && !INSIDE_NOT.has(upper))) {
        endRuns(level, 'all');
      } else if (upper === 'IS' || upper === 'LIKE' || upper === 'NOT') {
        endRuns(level, 'minus');
      }
      afterOperand = !isReservedWord(upper) || OPERAND_KEYWORDS.has(upper);
      continue;
    }
    if (/[0-9.]/.test(char)) {
      while (index < sql.length && /[A-Za-z0-9_.]/.test(sql[index]!)) index += 1;
      afterOperand = true;
      continue;
    }
    index += 1;
    // A call, CAST or constructor counts from its name, so the error points at `UPPER(`.
    const constructStart = nameStart(sql, start);
    switch (char) {
      case '(':
      case '[':
        open('bracket', constructStart);
        afterOperand = false;
        break;
      case ')':
      case ']':
        close('bracket');
        afterOperand = true;
        break;
      case '<':
        if (isTypeConstructor(sql, start)) {
          open('type', constructStart);
          afterOperand = false;
        } else {
          endRuns(top(), 'minus');
          afterOperand = false;
        }
        break;
      case '>':
        if (top().kind === 'type') {
          close('type');
          afterOperand = true;
        } else {
          endRuns(top(), 'minus');
          afterOperand = false;
        }
        break;
      case '-':
        if (afterOperand) endRuns(top(), 'minus');
        else {
          top().minuses += 1;
          deeper(start);
        }
        afterOperand = false;
        break;
      case ',':
      case ';':
        endRuns(top(), 'all');
        afterOperand = false;
        break;
      default:
        // any other operator symbol: + * / % | = ! and the rest
        endRuns(top(), 'minus');
        afterOperand = false;
    }
  }
  return report;
}

/** The index just past a quoted token starting at `index` (a doubled quote stands for one). */
function skipQuoted(sql: string, index: number, quote: string): number {
  let at = index + 1;
  while (at < sql.length) {
    if (sql[at] === quote) {
      if (sql[at + 1] === quote) at += 2;
      else return at + 1;
    } else at += 1;
  }
  return sql.length;
}

/** Where the word right before `offset` (blanks allowed between) starts, if there is one. */
function lastWordBeforeSpace(sql: string, offset: number): number | undefined {
  let at = offset - 1;
  while (at >= 0 && (sql[at] === ' ' || sql[at] === '\t')) at -= 1;
  if (at < 0 || !/[A-Za-z0-9_]/.test(sql[at]!)) return undefined;
  while (at > 0 && /[A-Za-z0-9_]/.test(sql[at - 1]!)) at -= 1;
  return /[A-Za-z_]/.test(sql[at]!) ? at : undefined;
}

/** The start of a call's or constructor's name before a bracket at `offset`, else the bracket. */
function nameStart(sql: string, offset: number): number {
  const word = lastWordBeforeSpace(sql, offset);
  if (word === undefined) return offset;
  const text = sql.slice(word, offset).trim().toUpperCase();
  // keywords that take a parenthesised list are not names of what nests
  return isReservedWord(text) && !['CAST', 'TRY_CAST', 'ARRAY', 'MAP', 'ROW'].includes(text) ? offset : word;
}

/**
 * `ARRAY<`, `MAP<` or `ROW<` opening a type, not a comparison such as `x < 1`. ARRAY and MAP are
 * reserved, so a `<` after them is a type; `row` may be a column, so `ROW<` is a type only when a
 * field name and its type follow (`ROW<f INT>`), not a value (`row < 5`, `row < x AND …`).
 */
function isTypeConstructor(sql: string, offset: number): boolean {
  const word = lastWordBeforeSpace(sql, offset);
  if (word === undefined) return false;
  const name = sql.slice(word, offset).trim().toUpperCase();
  if (name === 'ARRAY' || name === 'MAP') return true;
  if (name !== 'ROW') return false;
  const field = /^\s*(?:`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(offset + 1, offset + 1 + 512));
  const fieldType = field?.[1]?.toUpperCase();
  return fieldType !== undefined && (!isReservedWord(fieldType) || fieldType === 'ARRAY' || fieldType === 'MAP');
}
