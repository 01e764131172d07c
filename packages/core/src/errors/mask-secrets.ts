/** What replaces a secret (or a user's string input) wherever text leaves the engine. */
export const MASK = '*****';

const MIN_SECRET_LENGTH = 4;

/**
 * The forms a secret takes when a server quotes it back: as it is, JSON-escaped (a `"` or `\`
 * in it becomes `\"` / `\\`; ASCII-only encoders also write `\u00e9` and some `\/`), and
 * URL-encoded (percent-encoding, and `+` for spaces in form bodies and query strings).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
  forms.add(json.replace(/\//g, '\\/'));
  try {
    const percent = encodeURIComponent(secret);
    forms.add(percent);
    forms.add(percent.replace(/%20/g, '+'));
  } catch {
    // a lone surrogate has no URL form; the other forms still apply
  }
  return [...forms];
}

/**
 * Finds secrets in text in one left-to-right pass: candidates are grouped by their first four
 * UTF-16 units, so each position costs one lookup plus a comparison with the few secrets that
 * start like the text there (longest first). A match is skipped over whole. The old approach,
 * one split/join per secret, cost the text's length times the number of secrets, and a failed
 * batch masks every string it sent.
 */
class SecretMatcher {
  private readonly buckets = new Map<number, Map<number, string[]>>();

  constructor(secrets: Iterable<string>) {
    const seen = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(secret)) {
        if (seen.has(form)) continue;
        seen.add(form);
        const outer = (form.charCodeAt(0) << 16) | form.charCodeAt(1);
        const inner = (form.charCodeAt(2) << 16) | form.charCodeAt(3);
        let level = this.buckets.get(outer);
        if (!level) this.buckets.set(outer, (level = new Map()));
        const list = level.get(inner);
        if (list) list.push(form);
        else level.set(inner, [form]);
      }
    }
    for (const level of this.buckets.values()) for (const list of level.values()) list.sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.buckets.size === 0;
  }

  /** The length of the longest secret that starts at `index`, or 0. */
  matchAt(text: string, index: number): number {
    const level = this.buckets.get((text.charCodeAt(index) << 16) | text.charCodeAt(index + 1));
    if (!level) return 0;
    const list = level.get((text.charCodeAt(index + 2) << 16) | text.charCodeAt(index + 3));
    if (!list) return 0;
    for (const secret of list) if (text.startsWith(secret, index)) return secret.length;
    return 0;
  }
}

/**
 * Masks `text`, stopping once `limit` characters of output are known (the rest would be cut):
 * the work is bounded by the limit, not by the size of the text.
 */
function mask(text: string, secrets: Iterable<string>, limit: number): { masked: string; complete: boolean } {
  const matcher = new SecretMatcher(secrets);
  if (matcher.empty) return { masked: text.length > limit ? text.slice(0, limit + 1) : text, complete: text.length <= limit };
  const parts: string[] = [];
  let emitted = 0;
  let copiedFrom = 0;
  let index = 0;
  const lastStart = text.length - MIN_SECRET_LENGTH;
  while (index <= lastStart) {
    if (emitted + (index - copiedFrom) > limit) break;
    const length = matcher.matchAt(text, index);
    if (length === 0) {
      index += 1;
      continue;
    }
    parts.push(text.slice(copiedFrom, index), MASK);
    emitted += index - copiedFrom + MASK.length;
    index += length;
    copiedFrom = index;
  }
  const stoppedEarly = index <= lastStart;
  const rest = stoppedEarly ? text.slice(copiedFrom, index) : text.slice(copiedFrom);
  parts.push(rest);
  const masked = parts.join('');
  return { masked, complete: !stoppedEarly };
}

/**
 * Replaces every occurrence of each secret in `text` (and of its escaped forms, see
 * `secretForms`) with `*****`. Secrets shorter than four characters are not masked: masking them
 * would shred ordinary text and they protect nothing.
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  return mask(text, secrets, Number.POSITIVE_INFINITY).masked;
}

/** Masks, then truncates to `limit` characters (the reference's 1024 by default). */
export function maskAndTruncate(text: string, secrets: Iterable<string>, limit = 1024): string {
  const { masked, complete } = mask(text, secrets, limit);
  return !complete || masked.length > limit ? `${masked.slice(0, limit)}…(truncated)` : masked;
}
