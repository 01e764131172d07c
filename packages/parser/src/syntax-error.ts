/** Where and why a SQL text failed to parse. */
export interface SqlSyntaxErrorDetails {
  /** 1-based line and column, 0-based offset of the error. */
  line: number;
  column: number;
  offset: number;
  /** How many characters the error covers (the width of the caret line); at least 1. */
  length: number;
  /** Human-readable, de-duplicated and sorted: `CREATE`, `identifier`, `'('`. */
  expected: string[];
  /** The text found at the error, or null at the end of input. */
  found: string | null;
  /** The source name given to parse() (a file name), if any. */
  source?: string;
  /** The full SQL text, used by format() to show the offending line. */
  input: string;
}

/** A parse failure with its position, what was expected and what was found. */
export class SqlSyntaxError extends Error {
  override readonly name = 'SqlSyntaxError';
  readonly line: number;
  readonly column: number;
  readonly offset: number;
  readonly length: number;
  readonly expected: string[];
  readonly found: string | null;
  readonly source?: string;
  readonly input: string;

  /** `message` is the reason without the position, e.g. `expected FROM or WHERE but found "FORM"`. */
  constructor(message: string, details: SqlSyntaxErrorDetails) {
    super(message);
    this.line = details.line;
    this.column = details.column;
    this.offset = details.offset;
    this.length = Math.max(1, details.length);
    this.expected = details.expected;
    this.found = details.found;
    if (details.source !== undefined) this.source = details.source;
    this.input = details.input;
  }

  /**
   * `<source>:<line>:<column>: syntax error: <message>`, then the offending line and a caret
   * line under the error.
   */
  format(): string {
    const lineText = this.input.split(/\r\n|\n|\r/)[this.line - 1] ?? '';
    // Keep tabs in the padding so the caret lines up however the terminal renders them.
    const padding = lineText.slice(0, this.column - 1).replace(/[^\t]/g, ' ');
    const width = Math.min(this.length, Math.max(1, lineText.length - (this.column - 1)));
    return [
      `${this.source ?? '<input>'}:${this.line}:${this.column}: syntax error: ${this.message}`,
      lineText,
      `${padding}${'^'.repeat(width)}`,
    ].join('\n');
  }
}

/** `expected A, B or C but found "x"` (or `... but found end of input`). */
export function describeSyntaxError(expected: readonly string[], found: string | null): string {
  const foundText = found === null ? 'end of input' : JSON.stringify(found);
  if (expected.length === 0) return `unexpected ${foundText}`;
  const list =
    expected.length === 1
      ? expected[0]
      : `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`;
  return `expected ${list} but found ${foundText}`;
}
