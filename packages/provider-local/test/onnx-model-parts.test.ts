import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paddedBatches } from '../src/models/onnx-batch.js';
import { readOnnxModelFiles } from '../src/models/onnx-model-files.js';
import { normalizeL2, poolingModes, poolSequence } from '../src/models/onnx-pooling.js';
import { HfTokenizer } from '../src/models/tokenizer-hf.js';
import { writeTinyBertModel } from './fixtures/onnx-tiny-bert.js';

const modelsDir = mkdtempSync(join(tmpdir(), 'lateral-onnx-parts-'));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe('pooling', () => {
  // Three tokens of width 2; the third is padding.
  const hidden = Float32Array.from([1, 2, 3, 4, 100, -100]);
  const mask = [1, 1, 0];

  it('averages, maxes or picks tokens, ignoring padding', () => {
    expect(poolSequence(hidden, 0, 3, 2, mask, ['mean'])).toEqual([2, 3]);
    expect(poolSequence(hidden, 0, 3, 2, mask, ['max'])).toEqual([3, 4]);
    expect(poolSequence(hidden, 0, 3, 2, mask, ['cls'])).toEqual([1, 2]);
    expect(poolSequence(hidden, 0, 3, 2, mask, ['lasttoken'])).toEqual([3, 4]);
    expect(poolSequence(hidden, 0, 3, 2, mask, ['cls', 'mean'])).toEqual([1, 2, 2, 3]);
  });

  it('reads the modes from 1_Pooling/config.json, mean by default', () => {
    expect(poolingModes(undefined)).toEqual(['mean']);
    expect(poolingModes({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false })).toEqual(['cls']);
    expect(poolingModes({ pooling_mode_mean_tokens: true, pooling_mode_max_tokens: true })).toEqual(['max', 'mean']);
    expect(() => poolingModes({ pooling_mode_weightedmean_tokens: true })).toThrow(/weighted-mean/);
  });

  it('scales to unit length and leaves a zero vector alone', () => {
    expect(normalizeL2([3, 4])).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(normalizeL2([0, 0])).toEqual([0, 0]);
  });
});

describe('padded batches', () => {
  const text = (length: number) => ({ ids: Array.from({ length }, (_, i) => i + 10), typeIds: new Array<number>(length).fill(0) });

  it('groups texts of similar length, pads each group to its longest and remembers positions', () => {
    const batches = paddedBatches([text(2), text(5), text(3), text(1)], 0, 2);
    expect(batches.map((b) => b.indexes)).toEqual([[1, 2], [0, 3]]);
    const [first] = batches;
    expect(first!.width).toBe(5);
    expect(first!.mask).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(first!.ids.slice(5)).toEqual([10, 11, 12, 0, 0]);
    expect(first!.positions.slice(5)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('tokenizer settings', () => {
  it("prefers sentence-transformers' max_seq_length, capped by the position table", () => {
    const directory = writeTinyBertModel(modelsDir, 'test/limits');
    writeFileSync(join(directory, 'sentence_bert_config.json'), JSON.stringify({ max_seq_length: 8 }));
    expect(new HfTokenizer(readOnnxModelFiles(directory)).maxLength).toBe(8);
    writeFileSync(join(directory, 'sentence_bert_config.json'), JSON.stringify({ max_seq_length: 4096 }));
    expect(new HfTokenizer(readOnnxModelFiles(directory)).maxLength).toBe(512);
  });

  it('uses the WordPiece vocabulary and lower-cases as BERT does', () => {
    const tokenizer = new HfTokenizer(readOnnxModelFiles(writeTinyBertModel(modelsDir, 'test/words')));
    expect(tokenizer.tokens('Hello, CATS!')).toEqual(['[CLS]', 'hello', ',', 'cat', '##s', '!', '[SEP]']);
    expect(tokenizer.padId).toBe(0);
  });

  it('explains a folder without tokenizer.json', () => {
    const directory = writeTinyBertModel(modelsDir, 'test/no-tokenizer');
    rmSync(join(directory, 'tokenizer.json'));
    expect(() => readOnnxModelFiles(directory)).toThrow(/no tokenizer\.json/);
  });
});
