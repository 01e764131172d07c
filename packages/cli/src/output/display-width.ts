import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a text takes in a terminal (wide CJK characters count 2, combining marks 0). */
export function displayWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cuts text to at most `width` terminal columns, ending in `…` when something was cut. */
export function clipToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  if (PRINTABLE_ASCII.test(text)) return `${text.slice(0, width - 1)}…`;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    kept += char;
    used += w;
  }
  return `${kept}…`;
}

/** Pads text with spaces to `width` columns, on the right (left-aligned) or the left (right-aligned). */
export function padToWidth(text: string, width: number, alignRight: boolean): string {
  const gap = Math.max(0, width - displayWidth(text));
  return alignRight ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** One line per cell: line breaks and tabs would break the table's grid, so they are shown as marks. */
export function singleLine(text: string): string {
  return /[\x00-\x1f\x7f]/.test(text) ? text.replace(/\r\n|\n|\r/g, '↵').replace(/\t/g, ' ').replace(/[\x00-\x1f\x7f]/g, '�') : text;
}
