/**
 * SHOW ... LIKE patterns in the MySQL dialect Confluent documents: `%` any sequence, `_` one
 * character, backslash escapes the next character. Matching is case-sensitive, as in Flink.
 */
export function likePatternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern[index] as string);
    } else if (char === '%') {
      source += '[\\s\\S]*';
    } else if (char === '_') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

export function matchesLike(value: string, like: { pattern: string; negated: boolean } | undefined): boolean {
  if (!like) return true;
  return likePatternToRegExp(like.pattern).test(value) !== like.negated;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
