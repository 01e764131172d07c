import type { Expectation, SyntaxError as PeggySyntaxError } from './generated/parser.js';
import { describeSyntaxError, SqlSyntaxError } from './syntax-error.js';

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORD_AT = /[A-Za-z0-9_]+/y;

function describeLiteral(text: string): string {
  if (WORD.test(text)) return text.toUpperCase();
  return text === "'" ? `"'"` : `'${text}'`;
}

/** Keywords print upper-case, punctuation quoted (`'('`), named rules by their name. */
function describeExpectation(expectation: Expectation): string[] {
  switch (expectation.type) {
    case 'literal':
      return [describeLiteral(expectation.text)];
    case 'other':
      return [expectation.description];
    case 'end':
      return ['end of input'];
    case 'any':
      return ['any character'];
    case 'class': {
      // Peggy merges one-character alternatives such as ("+" / "-") into a class; list them
      // as the operators they are. Real ranges all sit inside named rules.
      const single = expectation.parts.filter((part): part is string => typeof part === 'string');
      const listable = !expectation.inverted && single.length === expectation.parts.length;
      return listable ? single.map(describeLiteral) : ['character'];
    }
  }
}

/** The whole word at `offset` rather than peggy's single character, so messages read "FORM". */
function foundAt(input: string, offset: number): string | null {
  if (offset >= input.length) return null;
  WORD_AT.lastIndex = offset;
  return WORD_AT.exec(input)?.[0] ?? input.charAt(offset);
}

/** Turns peggy's error into a SqlSyntaxError with readable expectations. */
export function convertPeggyError(error: PeggySyntaxError, input: string, source: string | undefined): SqlSyntaxError {
  const { start, end } = error.location;
  const expected = [...new Set((error.expected ?? []).flatMap(describeExpectation))].sort();
  // expected("...") in the grammar reports a whole range (a malformed model-name string); other
  // failures are a single position.
  const rangeLength = end.offset - start.offset;
  const found = rangeLength > 1 ? input.slice(start.offset, end.offset) : foundAt(input, start.offset);
  // error("...") in the grammar carries its own message and no expectations.
  const message = error.expected === null ? error.message : describeSyntaxError(expected, found);
  return new SqlSyntaxError(message, {
    line: start.line,
    column: start.column,
    offset: start.offset,
    length: rangeLength > 1 ? rangeLength : (found?.length ?? 1),
    expected,
    found,
    ...(source === undefined ? {} : { source }),
    input,
  });
}
