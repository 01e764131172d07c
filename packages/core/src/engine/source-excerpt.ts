import type { SourceLocation } from '@lateral/parser';
import { MASK } from '@lateral/spec';
import type { TextSpan } from '../options/endpoint-credentials.js';
import { secretSpans } from './redact-statement.js';

/** At most this many characters of a line are shown; longer lines are cut around the caret, with `…`. */
export const MAX_EXCERPT_WIDTH = 200;
/** Characters shown before the caret when a long line is cut. */
const CONTEXT_BEFORE = 60;

/**
 * The source line holding `location.start` and a caret line under the located text (to the end
 * of that line when the location spans several). Tabs are kept in the padding so the caret lines
 * up however a terminal renders them. A long line is cut to a window around the caret (a 5 MB
 * literal prints 200 characters, not 5 MB), and each span in `secrets` is shown as `*****`, the
 * caret moved to match. Linear in the text; no line array is built.
 */
export function sourceExcerpt(text: string, location: SourceLocation, secrets: readonly TextSpan[] = []): string {
  const [lineStart, lineEnd] = lineBounds(text, location.start);
  const lineLength = lineEnd - lineStart;
  const startColumn = Math.max(1, Math.min(location.start.column, lineLength + 1));
  const endColumn = location.end.line === location.start.line ? location.end.column : lineLength + 1;
  const caretStart = lineStart + startColumn - 1;
  const caretEnd = Math.max(caretStart + 1, lineStart + Math.min(endColumn, lineLength + 1) - 1);
  let windowStart = lineStart;
  let windowEnd = lineEnd;
  if (lineLength > MAX_EXCERPT_WIDTH) {
    windowStart = Math.max(lineStart, Math.min(caretStart - CONTEXT_BEFORE, lineEnd - MAX_EXCERPT_WIDTH));
    windowEnd = Math.min(lineEnd, windowStart + MAX_EXCERPT_WIDTH);
  }
  const shown = render(text, windowStart, windowEnd, secrets);
  const prefix = windowStart > lineStart ? '…' : '';
  const suffix = windowEnd < lineEnd ? '…' : '';
  const from = shown.map(caretStart, 'start');
  // a caret running past the cut covers the `…` too
  const to = shown.map(Math.min(caretEnd, windowEnd), 'end') + (caretEnd > windowEnd ? suffix.length : 0);
  const padding = (prefix + shown.text.slice(0, from)).replace(/[^\t]/g, ' ');
  return `${prefix}${shown.text}${suffix}\n${padding}${'^'.repeat(Math.max(1, to - from))}`;
}

/** The excerpt of `text` with its secret values masked (see redact-statement.ts). */
export function redactedExcerpt(text: string, location: SourceLocation): string {
  return sourceExcerpt(text, location, secretSpans(text));
}

/**
 * The excerpt when only the statement's own text is known: `location` is absolute in the script,
 * `statementStart` is where the statement's text begins, so positions are shifted into it.
 */
export function statementExcerpt(statementText: string, statementStart: SourceLocation['start'], location: SourceLocation): string | undefined {
  const shift = (position: SourceLocation['start']) => ({
    offset: position.offset - statementStart.offset,
    line: position.line - statementStart.line + 1,
    column: position.line === statementStart.line ? position.column - statementStart.column + 1 : position.column,
  });
  const start = shift(location.start);
  if (start.line < 1 || start.column < 1) return undefined;
  return redactedExcerpt(statementText, { start, end: shift(location.end) });
}

/** Start and end offsets of the line at `position`: by its offset when that agrees with line and column, else by counting lines. */
function lineBounds(text: string, position: SourceLocation['start']): [number, number] {
  let start = position.offset - (position.column - 1);
  const offsetAgrees =
    Number.isInteger(position.offset) && start >= 0 && position.offset <= text.length && (start === 0 || isBreak(text.charCodeAt(start - 1))) && !hasBreak(text, start, position.offset);
  if (!offsetAgrees) start = lineStartByNumber(text, position.line);
  let end = start;
  while (end < text.length && !isBreak(text.charCodeAt(end))) end += 1;
  return [start, end];
}

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function hasBreak(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) if (isBreak(text.charCodeAt(index))) return true;
  return false;
}

/** Where line `line` (1-based; `\r\n`, `\n` and `\r` each end a line) starts; the end of the text past the last line. */
function lineStartByNumber(text: string, line: number): number {
  let index = 0;
  for (let current = 1; current < line; current += 1) {
    while (index < text.length && !isBreak(text.charCodeAt(index))) index += 1;
    if (index >= text.length) return text.length;
    index += text.charCodeAt(index) === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1;
  }
  return index;
}

interface Rendered {
  text: string;
  /** Where an offset of the source lands in `text`: a caret that starts in a masked span starts at the mask, one that ends in it ends after it. */
  map(offset: number, side: 'start' | 'end'): number;
}

/** `text.slice(from, to)` with every secret span shown as one `*****`. */
function render(text: string, from: number, to: number, secrets: readonly TextSpan[]): Rendered {
  const segments: Array<{ sourceStart: number; sourceEnd: number; shownStart: number; masked: boolean }> = [];
  let shown = '';
  let cursor = from;
  for (let index = firstSpanEndingAfter(secrets, from); index < secrets.length; index += 1) {
    const span = secrets[index]!;
    if (span.start >= to) break;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (start > cursor) {
      segments.push({ sourceStart: cursor, sourceEnd: start, shownStart: shown.length, masked: false });
      shown += text.slice(cursor, start);
    }
    segments.push({ sourceStart: start, sourceEnd: end, shownStart: shown.length, masked: true });
    shown += MASK;
    cursor = end;
  }
  if (cursor < to) {
    segments.push({ sourceStart: cursor, sourceEnd: to, shownStart: shown.length, masked: false });
    shown += text.slice(cursor, to);
  }
  return {
    text: shown,
    map(offset, side) {
      for (const segment of segments) {
        if (offset < segment.sourceStart) return segment.shownStart;
        if (offset > segment.sourceEnd || (offset === segment.sourceEnd && side === 'start')) continue;
        if (!segment.masked) return segment.shownStart + (offset - segment.sourceStart);
        if (side === 'start' || offset === segment.sourceStart) return segment.shownStart;
        return segment.shownStart + MASK.length;
      }
      return shown.length;
    },
  };
}

function firstSpanEndingAfter(spans: readonly TextSpan[], offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
