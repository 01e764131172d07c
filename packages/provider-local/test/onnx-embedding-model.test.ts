import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEmbeddingModel } from '../src/models/local-model.js';
import { loadLocalModel } from '../src/models/model-loader.js';
import { loadOnnxEmbeddingModel } from '../src/models/onnx-embedding-model.js';
import { readOnnxModelFiles } from '../src/models/onnx-model-files.js';
import { HfTokenizer } from '../src/models/tokenizer-hf.js';
import { TINY_BERT_HIDDEN, TINY_BERT_MAX_LENGTH, writeTinyBertModel } from './fixtures/onnx-tiny-bert.js';

let modelsDir: string;
let meanModel: LocalEmbeddingModel;
let clsModel: LocalEmbeddingModel;
const savedThreads = process.env.LATERAL_LOCAL_THREADS;

beforeAll(async () => {
  process.env.LATERAL_LOCAL_THREADS = '1';
  modelsDir = mkdtempSync(join(tmpdir(), 'lateral-onnx-'));
  meanModel = await loadOnnxEmbeddingModel(writeTinyBertModel(modelsDir, 'test/tiny-bert'));
  clsModel = await loadOnnxEmbeddingModel(writeTinyBertModel(modelsDir, 'test/tiny-bert-cls', { pooling: 'cls' }));
});

afterAll(() => {
  if (savedThreads === undefined) delete process.env.LATERAL_LOCAL_THREADS;
  else process.env.LATERAL_LOCAL_THREADS = savedThreads;
  rmSync(modelsDir, { recursive: true, force: true });
});

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 5));
}

describe('ONNX sentence-embedding model (tiny generated BERT through onnxruntime-node)', () => {
  it('reads its dimensions from the graph output and returns unit-length vectors', async () => {
    expect(meanModel.dimensions).toBe(TINY_BERT_HIDDEN);
    const [vector] = await meanModel.embed(['The cat sat on the mat.']);
    expect(vector).toHaveLength(TINY_BERT_HIDDEN);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('is deterministic and tells different texts apart', async () => {
    const [a1, b, a2] = await meanModel.embed(['hello world', 'a terrible movie', 'hello world']);
    expect(a1).toEqual(a2);
    expect((await meanModel.embed(['hello world']))[0]).toEqual(a1);
    expect(b).not.toEqual(a1);
  });

  it('gives a text the same vector alone and padded in a batch with longer texts', async () => {
    const short = 'the cat sat';
    const [alone] = await meanModel.embed([short]);
    const batch = await meanModel.embed(['i love it, it was a great movie and the dog loved it too', short, 'good dog']);
    expectClose(batch[1]!, alone!);
    const [clsAlone] = await clsModel.embed([short]);
    expectClose((await clsModel.embed(['hello world, the movie was great and good', short]))[1]!, clsAlone!);
  });

  it('pools as 1_Pooling/config.json says (CLS vs mean)', async () => {
    const [mean] = await meanModel.embed(['the dog sat']);
    const [cls] = await clsModel.embed(['the dog sat']);
    expect(cls).toHaveLength(TINY_BERT_HIDDEN);
    expect(norm(cls!)).toBeCloseTo(1, 5);
    expect(cls).not.toEqual(mean);
  });

  it('batches more texts than one forward pass holds, keeping their order', async () => {
    const texts = Array.from({ length: 70 }, (_, index) => `${'the cat '.repeat(index % 5)}number ${index}`);
    const together = await meanModel.embed(texts);
    expect(together).toHaveLength(70);
    for (const index of [0, 1, 31, 32, 33, 64, 69]) expectClose(together[index]!, (await meanModel.embed([texts[index]!]))[0]!);
  });

  it('truncates to the maximum length, keeping the closing [SEP]', async () => {
    const tokenizer = new HfTokenizer(readOnnxModelFiles(join(modelsDir, 'test', 'tiny-bert')));
    expect(tokenizer.maxLength).toBe(TINY_BERT_MAX_LENGTH);
    const head = 'the cat sat on the mat the dog sat on the mat the cat sat';
    const tokens = tokenizer.tokens(`${head} hello world good bad`);
    expect(tokens).toHaveLength(TINY_BERT_MAX_LENGTH);
    expect(tokens[0]).toBe('[CLS]');
    expect(tokens.at(-1)).toBe('[SEP]');
    // Everything past the limit is cut, so two texts that differ only there embed the same.
    const [a, b] = await meanModel.embed([`${head} hello world good bad`, `${head} i hate it !`]);
    expectClose(a!, b!);
  });

  it('loads a graph at the folder root that takes no token_type_ids', async () => {
    const directory = writeTinyBertModel(modelsDir, 'test/no-types', { layout: 'root', tokenTypes: false, seed: 5 });
    const model = await loadOnnxEmbeddingModel(directory);
    const [vector] = await model.embed(['hello world']);
    expect(vector).toHaveLength(TINY_BERT_HIDDEN);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('embeds an empty text (only the special tokens)', async () => {
    const [vector] = await meanModel.embed(['']);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('reports a broken graph as a load error naming the model', async () => {
    const directory = writeTinyBertModel(modelsDir, 'test/broken');
    writeFileSync(join(directory, 'onnx', 'model.onnx'), 'not a graph');
    await expect(loadLocalModel({ name: 'test/broken', kind: 'embedding', source: { type: 'onnx', directory } })).rejects.toMatchObject({
      code: 'LATERAL_ERR_LOCAL_MODEL_LOAD',
      message: expect.stringContaining("Local model 'test/broken' could not be loaded"),
    });
  });
});
