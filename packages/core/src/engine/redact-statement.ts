import { scanOptionPairs } from '@lateral/parser';
import { MASK } from '@lateral/spec';
import { DIALECT_SECRET_KEYS } from '../options/connection-validation.js';
import { endpointCredentialSpans, type TextSpan } from '../options/endpoint-credentials.js';

/** Keys whose value is a credential, by their last `.` part, any case, `-` or `_`. */
const SECRET_KEY_END = /(key|secret|password|passwd|pwd|token|credentials?)$/;
const SECRET_KEY_WORD = /secret|password|credential/;

/** Keys whose last two parts name a credential: Kafka's `properties.sasl.jaas.config` (it holds the password). */
const SECRET_KEY_TAIL = /(^|\.)jaas\.config$/;

/** Secret option keys connectors declared (`ConnectorV2.secretOptions`), as patterns; see declareSecretOptionKeys. */
const declaredSecretKeys: RegExp[] = [];

/** `properties.*.password` → a RegExp over the lower-cased key; `*` stands for any characters, the rest is literal. */
export function secretKeyPattern(key: string): RegExp {
  const source = key
    .trim()
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

/**
 * Makes the secret option keys a registered connector declares secret for the statement text too
 * (errors, shell history, trace hashes), not only for its tables' stored options. Process-wide and
 * never withdrawn: masking a value too many is harmless.
 */
export function declareSecretOptionKeys(keys: readonly string[]): void {
  for (const key of keys) {
    const pattern = secretKeyPattern(key);
    if (!declaredSecretKeys.some((known) => known.source === pattern.source)) declaredSecretKeys.push(pattern);
  }
  cached = undefined;
}

/**
 * `api-key`, `aws-secret-key`, `service-key`, `openai.api_key`, `client-secret`, `password`,
 * `properties.sasl.jaas.config`, `properties.ssl.key.password`, ...; not `max_tokens`. The one rule
 * for connection, model and table options (CREATE TABLE keeps these values in the store's secrets).
 */
export function isSecretOptionKey(key: string): boolean {
  const normalized = key.trim().toLowerCase().replace(/_/g, '-');
  const last = normalized.slice(normalized.lastIndexOf('.') + 1);
  if (DIALECT_SECRET_KEYS.includes(last) || SECRET_KEY_END.test(last) || SECRET_KEY_WORD.test(last) || SECRET_KEY_TAIL.test(normalized)) return true;
  const lower = key.trim().toLowerCase();
  return declaredSecretKeys.some((pattern) => pattern.test(lower));
}

function isEndpointKey(key: string): boolean {
  const normalized = key.trim().toLowerCase();
  return normalized === 'endpoint' || normalized.endsWith('.endpoint') || normalized.endsWith('-endpoint') || normalized.endsWith('url');
}

// One statement's spans are asked for several times (its text, then each error's excerpt).
let cached: { text: string; spans: TextSpan[] } | undefined;

/**
 * Where the secrets are in SQL text: the values of credential keys (whole, quoted, double-quoted,
 * bare or unterminated) and the credentials inside endpoint URLs, sorted and merged. Read from
 * the tokens of `key = value` pairs by the parser's tolerant scanner, so statements that do not
 * parse are covered too. Linear in the text.
 */
export function secretSpans(text: string): TextSpan[] {
  if (cached?.text === text) return cached.spans;
  const found: TextSpan[] = [];
  for (const pair of scanOptionPairs(text)) {
    if (isSecretOptionKey(pair.key)) {
      if (pair.valueEnd > pair.valueStart) found.push({ start: pair.valueStart, end: pair.valueEnd });
    } else if (isEndpointKey(pair.key)) {
      found.push(...endpointCredentialSpans(text, pair.valueStart, pair.valueEnd));
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextSpan[] = [];
  for (const span of found) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  cached = { text, spans: merged };
  return merged;
}

/**
 * Masks credential values in SQL text kept on errors and in the shell history: each secret is
 * replaced by `*****` whatever its length (the length says something about the secret), its
 * quotes kept when it had them. Excerpts map their carets through the same spans (source-excerpt.ts).
 */
export function redactSecretValues(text: string): string {
  const spans = secretSpans(text);
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let copied = 0;
  for (const span of spans) {
    parts.push(text.slice(copied, span.start), MASK);
    copied = span.end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}
