import { invokeOnce, prepareInvocation } from '@lateral/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localProvider } from '../src/local-provider.js';
import { localEmbeddingModel, localRegistry } from './fixtures/local-invocation-kit.js';
import { TINY_BERT_HIDDEN, writeTinyBertModel } from './fixtures/onnx-tiny-bert.js';

let modelsDir: string;
const saved = { models: process.env.LATERAL_MODELS, threads: process.env.LATERAL_LOCAL_THREADS };

beforeAll(() => {
  modelsDir = mkdtempSync(join(tmpdir(), 'lateral-onnx-e2e-'));
  writeTinyBertModel(modelsDir, 'acme/tiny-bert');
  process.env.LATERAL_MODELS = modelsDir;
  process.env.LATERAL_LOCAL_THREADS = '1';
});

afterAll(() => {
  for (const [key, value] of [['LATERAL_MODELS', saved.models], ['LATERAL_LOCAL_THREADS', saved.threads]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(modelsDir, { recursive: true, force: true });
});

describe("an ONNX model in LATERAL_MODELS through the local provider (OPENAI-EMBED, in-process transport)", () => {
  it('validates, then embeds a batch of rows, one unit vector per row in row order', async () => {
    const model = localEmbeddingModel('acme/tiny-bert');
    expect(localProvider.validateModel?.(model) ?? []).toEqual([]);
    const invocation = prepareInvocation(localRegistry(), model, {});
    const rows = Array.from({ length: 40 }, (_, index) => [`the cat number ${index} sat on the mat`]);
    const { decoded } = await invokeOnce(invocation, rows);
    expect(decoded.rows).toHaveLength(40);
    for (const [vector] of decoded.rows as number[][][]) {
      expect(vector).toHaveLength(TINY_BERT_HIDDEN);
      expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    }
    const single = await invokeOnce(invocation, [rows[17]!]);
    (single.decoded.rows[0]![0] as number[]).forEach((value, d) => expect(value).toBeCloseTo((decoded.rows[17]![0] as number[])[d]!, 5));
    expect(decoded.rows[0]).not.toEqual(decoded.rows[1]);
  });

  it('answers a model that is not there with the directory searched and how to obtain it', () => {
    const diagnostics = localProvider.validateModel?.(localEmbeddingModel('acme/missing-bert')) ?? [];
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LATERAL_ERR_LOCAL_MODEL_NOT_FOUND', option: 'local.model' });
    expect(diagnostics[0]!.message).toContain(modelsDir);
    expect(diagnostics[0]!.message).toContain('optimum-cli export onnx --model acme/missing-bert');
  });
});
