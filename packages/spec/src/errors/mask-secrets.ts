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

/** A bucket with more candidates than this is split on its next four characters. */
const BUCKET_SIZE = 8;
const STRIDE = 4;
const MAX_DEPTH = 64;

/**
 * A node of the index: the secrets that share the text's first `depth × 4` characters. A leaf
 * lists them (longest first); a split node keeps those that end within its next four characters
 * (`short`) and hands the longer ones down, keyed by those four characters.
 */
interface IndexNode {
  leaf?: string[];
  short?: string[];
  children?: Map<number, Map<number, IndexNode>>;
}

/** Four characters as two 32-bit map keys (used while building; the lookup inlines it). */
function key(text: string, at: number): [number, number] {
  return [(text.charCodeAt(at) << 16) | text.charCodeAt(at + 1), (text.charCodeAt(at + 2) << 16) | text.charCodeAt(at + 3)];
}

/**
 * Builds the index with a work list, not recursion: secrets sharing a long prefix must not cost
 * stack. Splitting stops at MAX_DEPTH (256 characters): a deeper bucket stays a list.
 */
function buildIndex(secrets: string[]): IndexNode {
  const root: IndexNode = {};
  const work: Array<{ node: IndexNode; secrets: string[]; depth: number }> = [{ node: root, secrets, depth: 0 }];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const { node, depth } = next;
    if (next.secrets.length <= BUCKET_SIZE || depth >= MAX_DEPTH) {
      node.leaf = next.secrets.sort((a, b) => b.length - a.length);
      continue;
    }
    const offset = depth * STRIDE;
    const short: string[] = [];
    const children = new Map<number, Map<number, IndexNode>>();
    const groups = new Map<IndexNode, string[]>();
    for (const secret of next.secrets) {
      if (secret.length < offset + STRIDE) {
        short.push(secret);
        continue;
      }
      const [outer, inner] = key(secret, offset);
      let level = children.get(outer);
      if (!level) children.set(outer, (level = new Map()));
      let child = level.get(inner);
      if (!child) level.set(inner, (child = {}));
      const group = groups.get(child);
      if (group) group.push(secret);
      else groups.set(child, [secret]);
    }
    node.short = short.sort((a, b) => b.length - a.length);
    node.children = children;
    for (const [child, group] of groups) work.push({ node: child, secrets: group, depth: depth + 1 });
  }
  return root;
}

/**
 * Finds secrets in text in one left-to-right pass. The secrets are indexed four characters at a
 * time (a bucket is split only while it holds more than eight), so each position costs a few map
 * lookups and at most a handful of comparisons, also when many secrets share a long prefix, as
 * prompts built from one template do. A match is skipped over whole. The old approach, one
 * split/join per secret, cost the text's length times the number of secrets, and a failed batch
 * masks every string it sent.
 */
class SecretMatcher {
  private readonly root?: IndexNode;

  constructor(secrets: Iterable<string>) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(secret)) forms.add(form);
    }
    if (forms.size > 0) this.root = buildIndex([...forms]);
  }

  get empty(): boolean {
    return this.root === undefined;
  }

  /** The length of the longest secret that starts at `index`, or 0. No allocation on the way down: this runs at every position. */
  matchAt(text: string, index: number): number {
    let node = this.root;
    let depth = 0;
    let deepest: IndexNode | undefined;
    while (node?.children) {
      if (node.short !== undefined && node.short.length > 0) deepest = node;
      const at = index + depth * STRIDE;
      if (at + STRIDE > text.length) {
        node = undefined;
        break;
      }
      const outer = (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
      const inner = (text.charCodeAt(at + 2) << 16) | text.charCodeAt(at + 3);
      node = node.children.get(outer)?.get(inner);
      depth += 1;
    }
    if (node?.leaf) for (const secret of node.leaf) if (text.startsWith(secret, index)) return secret.length;
    // shorter secrets kept on the way down (rare), deepest (longest) first
    return deepest === undefined ? 0 : this.shortMatch(text, index, deepest);
  }

  /** Walks down again to `last` (the deepest node with a short list), then checks the short lists from there up. */
  private shortMatch(text: string, index: number, last: IndexNode): number {
    const path: IndexNode[] = [];
    let node = this.root;
    let depth = 0;
    while (node) {
      path.push(node);
      if (node === last) break;
      const at = index + depth * STRIDE;
      node = node.children?.get((text.charCodeAt(at) << 16) | text.charCodeAt(at + 1))?.get((text.charCodeAt(at + 2) << 16) | text.charCodeAt(at + 3));
      depth += 1;
    }
    for (let level = path.length - 1; level >= 0; level -= 1) {
      for (const secret of path[level]!.short ?? []) if (text.startsWith(secret, index)) return secret.length;
    }
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
