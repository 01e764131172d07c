import type { SourceLocation } from '@lateral/parser';

/**
 * The source line holding `location.start` and a caret line under the located text (to the end
 * of that line when the location spans several). Tabs are kept in the padding so the caret lines
 * up however a terminal renders them.
 */
export function sourceExcerpt(text: string, location: SourceLocation): string {
  const lines = text.split(/\r\n|\n|\r/);
  const lineText = lines[location.start.line - 1] ?? '';
  const startColumn = Math.max(1, Math.min(location.start.column, lineText.length + 1));
  const endColumn = location.end.line === location.start.line ? location.end.column : lineText.length + 1;
  const width = Math.max(1, Math.min(endColumn, lineText.length + 1) - startColumn);
  const padding = lineText.slice(0, startColumn - 1).replace(/[^\t]/g, ' ');
  return `${lineText}\n${padding}${'^'.repeat(width)}`;
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
  return sourceExcerpt(statementText, { start, end: shift(location.end) });
}
