/** What replaces a secret (or a user's string input) wherever text leaves the engine. */
export const MASK = '*****';

const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` with `*****`. Secrets shorter than four
 * characters are not masked: masking them would shred ordinary text and they protect nothing.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let masked = text;
  const sorted = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of sorted) masked = masked.split(secret).join(MASK);
  return masked;
}

/** Masks, then truncates to `limit` characters (the reference's 1024 by default). */
export function maskAndTruncate(text: string, secrets: Iterable<string>, limit = 1024): string {
  const masked = maskSecrets(text, secrets);
  return masked.length > limit ? `${masked.slice(0, limit)}…(truncated)` : masked;
}
