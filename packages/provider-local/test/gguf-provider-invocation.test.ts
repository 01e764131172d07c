import { invokeOnce, prepareInvocation } from '@lateral/core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confluentProvider } from '../src/local-provider.js';
import { localModel, localRegistry } from './fixtures/local-invocation-kit.js';
import { writeTinyLlamaGguf } from './fixtures/gguf-tiny-llama.js';

let modelsDir: string;
const saved = { models: process.env.LATERAL_MODELS, threads: process.env.LATERAL_LOCAL_THREADS };

beforeAll(() => {
  modelsDir = mkdtempSync(join(tmpdir(), 'lateral-gguf-e2e-'));
  mkdirSync(join(modelsDir, 'acme'));
  writeTinyLlamaGguf(join(modelsDir, 'acme', 'tiny-llama.gguf'));
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

/** `'provider' = 'confluent'`, `'confluent.model' = 'acme/tiny-llama'`: Confluent SQL run locally. */
const chatModel = (overrides: Parameters<typeof localModel>[1] = {}) =>
  localModel('acme/tiny-llama', { providerId: 'confluent', params: { temperature: 0, max_tokens: 12 }, ...overrides });

async function answer(overrides: Parameters<typeof localModel>[1] = {}, prompt = 'Tell me a story'): Promise<string> {
  const { decoded } = await invokeOnce(prepareInvocation(localRegistry(), chatModel(overrides), {}), [[prompt]]);
  expect(decoded.rows).toHaveLength(1);
  return decoded.rows[0]![0] as string;
}

describe('a GGUF model in LATERAL_MODELS through the confluent provider (CONFLUENT-CHAT, in-process transport)', () => {
  it('validates and answers a row with generated text', async () => {
    expect(confluentProvider.validateModel?.(chatModel()) ?? []).toEqual([]);
    const text = await answer();
    expect(typeof text).toBe('string');
    expect(text.length).toBeGreaterThan(0);
    expect(await answer()).toBe(text);
  });

  it('carries max_tokens, stop and the system prompt from the model definition to the model', async () => {
    const long = await answer();
    const short = await answer({ params: { temperature: 0, max_tokens: 3 } });
    expect(short.length).toBeLessThan(long.length);
    expect(long.startsWith(short.trimEnd())).toBe(true);
    const stopAt = [...long].find((char, index) => index >= 2 && /[a-z]/i.test(char) && long.indexOf(char) === index)!;
    expect(await answer({ params: { temperature: 0, max_tokens: 12, stop: [stopAt] } })).toBe(long.slice(0, long.indexOf(stopAt)));
    expect(await answer({ systemPrompt: 'You are a terse assistant.' })).not.toBe(long);
  });
});
