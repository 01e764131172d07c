/**
 * Collects shell input lines until they hold at least one complete statement: text ending in `;`
 * outside string literals, backticks and comments. Incomplete text keeps the shell in continuation.
 */
export function isCompleteScript(text: string): boolean {
  let inString = false;
  let inBacktick = false;
  let inBlockComment = false;
  let lastSignificant = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const next = text[i + 1];
    if (inBlockComment) {
      if (char === '*' && next === '/') {
        inBlockComment = false;
        i += 1;
      }
      continue;
    }
    if (inString) {
      if (char === "'") inString = false;
      continue;
    }
    if (inBacktick) {
      if (char === '`') inBacktick = false;
      continue;
    }
    if (char === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
      continue;
    }
    if (char === '/' && next === '*') {
      inBlockComment = true;
      i += 1;
      continue;
    }
    if (char === "'") inString = true;
    else if (char === '`') inBacktick = true;
    if (!/\s/.test(char)) lastSignificant = char;
  }
  return !inString && !inBacktick && !inBlockComment && lastSignificant === ';';
}
