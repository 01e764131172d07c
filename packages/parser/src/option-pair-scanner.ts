/**
 * A tolerant scanner for `key = value` pairs in SQL text, for redaction: unlike the grammar it
 * never fails, so it also reads statements that do not parse — an unterminated value
 * (`'api-key'='sk-…);`), an unquoted one (`'api-key'=sk-abc`) or a double-quoted one. It is a
 * flat loop over the characters (linear time, no recursion, any input size).
 *
 * It reads the text twice and reports the pairs of both readings:
 * - as SQL: comments skipped, strings may span lines, an unterminated string runs to the end;
 * - line by line: a string ends at the end of its line at the latest, and comments are read as
 *   text. After an unterminated string the SQL reading is out of step for the rest of the text (a
 *   later quote closes the string and every quote after it flips); the line reading is back in
 *   step at the next line. A multi-line secret (a pasted JSON key) is whole in the SQL reading.
 */

export interface OptionPairSpan {
  /** The key as written, without its quotes (a doubled quote read as one). */
  key: string;
  /** Where the value's text begins: after its opening quote, or its first character when bare. */
  valueStart: number;
  /** Where it ends: before its closing quote, or at the end of the text (or line) when unterminated. */
  valueEnd: number;
  /** The value's quote, or undefined for a bare value. */
  quote?: string;
  terminated: boolean;
}

type Mode = 'sql' | 'line';

interface Token {
  kind: 'text' | 'equals' | 'punctuation';
  /** For text tokens: the unquoted text (keys) and where the value part lies. */
  text?: string;
  contentStart: number;
  contentEnd: number;
  quote?: string;
  terminated: boolean;
}

const QUOTES = new Set(["'", '"', '`']);
const PUNCTUATION = new Set(['(', ')', ',', ';']);
/** Characters that end a bare word. */
const BARE_STOP = new Set(["'", '"', '`', '(', ')', ',', ';', '=']);

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** Every `key = value` pair of both readings (see the module comment); pairs may repeat. */
export function scanOptionPairs(text: string): OptionPairSpan[] {
  return [...scan(text, 'sql'), ...scan(text, 'line')];
}

function scan(text: string, mode: Mode): OptionPairSpan[] {
  const pairs: OptionPairSpan[] = [];
  const length = text.length;
  let beforeLast: Token | undefined;
  let last: Token | undefined;
  // the next line break at or after a position, found once per line (indexOf per string would be quadratic)
  let nextBreak = -1;
  const lineEndFrom = (from: number): number => {
    if (nextBreak < from) {
      nextBreak = from;
      while (nextBreak < length && !isLineBreak(text.charCodeAt(nextBreak))) nextBreak += 1;
    }
    return nextBreak;
  };
  // the next occurrence of each quote character, remembered: positions only grow, so every
  // character is searched at most once per quote kind
  const nextQuote = new Map<string, number>();
  const quoteFrom = (quote: string, from: number): number => {
    const known = nextQuote.get(quote);
    if (known !== undefined && known >= from) return known;
    const found = text.indexOf(quote, from);
    const position = found < 0 ? Number.POSITIVE_INFINITY : found;
    nextQuote.set(quote, position);
    return position;
  };
  const push = (token: Token) => {
    if (token.kind === 'text' && last?.kind === 'equals' && beforeLast?.kind === 'text' && beforeLast.text !== undefined) {
      pairs.push({
        key: beforeLast.text,
        valueStart: token.contentStart,
        valueEnd: token.contentEnd,
        quote: token.quote,
        terminated: token.terminated,
      });
    }
    beforeLast = last;
    last = token;
  };

  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (isSpace(code)) {
      index += 1;
      continue;
    }
    const char = text[index]!;
    if (mode === 'sql' && char === '-' && text[index + 1] === '-') {
      index = lineEndFrom(index);
      continue;
    }
    if (mode === 'sql' && char === '/' && text[index + 1] === '*') {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? length : close + 2;
      continue;
    }
    if (QUOTES.has(char)) {
      const limit = mode === 'line' ? lineEndFrom(index + 1) : length;
      let cursor = index + 1;
      let close = -1;
      while (cursor < limit) {
        const found = quoteFrom(char, cursor);
        if (found >= limit) break;
        if (text[found + 1] === char && found + 1 < limit) {
          cursor = found + 2;
          continue;
        }
        close = found;
        break;
      }
      const contentEnd = close < 0 ? limit : close;
      push({
        kind: 'text',
        // only short texts can be keys
        text: contentEnd - index <= 200 ? text.slice(index + 1, contentEnd).split(char + char).join(char) : undefined,
        contentStart: index + 1,
        contentEnd,
        quote: char,
        terminated: close >= 0,
      });
      index = close < 0 ? limit : close + 1;
      continue;
    }
    if (char === '=') {
      push({ kind: 'equals', contentStart: index, contentEnd: index + 1, terminated: true });
      index += 1;
      continue;
    }
    if (PUNCTUATION.has(char)) {
      push({ kind: 'punctuation', contentStart: index, contentEnd: index + 1, terminated: true });
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < length) {
      const next = text.charCodeAt(end);
      if (isSpace(next) || BARE_STOP.has(text[end]!)) break;
      end += 1;
    }
    push({ kind: 'text', text: end - index <= 200 ? text.slice(index, end) : undefined, contentStart: index, contentEnd: end, terminated: true });
    index = end;
  }
  return pairs;
}
