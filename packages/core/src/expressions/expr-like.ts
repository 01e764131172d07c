/** SQL LIKE: `%` is any run of characters, `_` one character, everything else literal (case-sensitive). */
function likePattern(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}

/** A matcher that compiles each distinct pattern once (patterns are usually constants). */
export function likeMatcher(): (text: string, pattern: string) => boolean {
  let lastPattern: string | undefined;
  let lastRegex: RegExp | undefined;
  return (text, pattern) => {
    if (pattern !== lastPattern || !lastRegex) {
      lastPattern = pattern;
      lastRegex = likePattern(pattern);
    }
    return lastRegex.test(text);
  };
}
