/**
 * Splits text into lower-case word tokens the way GloVe's vocabulary is spelled: letters and
 * digits with inner apostrophes or hyphens (`don't`, `cross-country`). Punctuation carries little
 * meaning in an averaged sentence vector, so it is dropped.
 */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
