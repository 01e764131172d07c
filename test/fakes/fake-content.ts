import { createHash } from 'node:crypto';

/**
 * Deterministic "model outputs" shared by the fake providers, so end-to-end examples print
 * meaningful results and tests can predict them exactly.
 */

const POSITIVE_WORDS = ['love', 'loved', 'great', 'happy', 'excellent', 'amazing', 'good', 'wonderful', 'fantastic', 'best', 'perfect', 'perfectly'];
const NEGATIVE_WORDS = ['hate', 'hated', 'terrible', 'bad', 'awful', 'horrible', 'worst', 'poor', 'sad', 'broken', 'broke', 'cracked', 'disappointed'];

export type SentimentLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';

/** POSITIVE / NEGATIVE by counting keywords (whole words, any case); NEUTRAL on a tie or none. */
export function sentimentLabel(text: string): SentimentLabel {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let score = 0;
  for (const word of words) {
    if (POSITIVE_WORDS.includes(word)) score += 1;
    if (NEGATIVE_WORDS.includes(word)) score -= 1;
  }
  return score > 0 ? 'POSITIVE' : score < 0 ? 'NEGATIVE' : 'NEUTRAL';
}

/**
 * A unit-length vector derived from SHA-256 of the text: equal texts give equal vectors, and the
 * values are rounded to 6 decimals so JSON bodies stay short and exact.
 */
export function deterministicEmbedding(text: string, dimensions: number): number[] {
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let offset = 0; offset + 1 < digest.length && raw.length < dimensions; offset += 2) {
      raw.push(digest.readUInt16BE(offset) / 32767.5 - 1);
    }
  }
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
  return raw.map((value) => Math.round((value / norm) * 1e6) / 1e6);
}

/** Little-endian float32 bytes in base64, as OpenAI sends for `encoding_format: "base64"`. */
export function float32Base64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

/** A rough token count (about four characters a token), never zero for non-empty text. */
export function approximateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}
