import type { Tiktoken } from 'js-tiktoken/lite';
import type { Row } from '@lateral/spec';

/**
 * Token estimates with the `cl100k_base` tokenizer. Building the encoder costs about 0.4 s of CPU,
 * so it is loaded lazily, once per thread, and only where a precise count is worth it (declared
 * token limits, pool workers). Elsewhere, until it is loaded, four characters count as a token.
 */
let encoder: Promise<Tiktoken> | undefined;
let loaded: Tiktoken | undefined;

async function loadEncoder(): Promise<Tiktoken> {
  encoder ??= (async () => {
    const [{ Tiktoken: Encoder }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/cl100k_base')]);
    loaded = new Encoder(ranks.default);
    return loaded;
  })();
  return encoder;
}

function approximate(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

function count(tokenizer: Tiktoken | undefined, text: string): number {
  // Special-token text (`<|endoftext|>`) is ordinary user text here, not a reason to throw.
  return tokenizer ? tokenizer.encode(text, [], []).length : approximate(text);
}

/** Every string in a row, including strings inside arrays, maps and rows. */
export function rowStrings(rows: readonly Row[]): string[] {
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) Object.values(value).forEach(visit);
  };
  rows.forEach((row) => row.forEach(visit));
  return strings;
}

export async function estimateTokens(texts: readonly string[], precise: boolean): Promise<number> {
  const tokenizer = precise ? await loadEncoder() : loaded;
  let total = 0;
  for (const text of texts) total += count(tokenizer, text);
  return total;
}

export async function estimateRowTokens(rows: readonly Row[], precise: boolean): Promise<number> {
  return estimateTokens(rowStrings(rows), precise);
}
