import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGgufChatModel } from '../src/models/gguf-chat-model.js';
import { loadLocalModel } from '../src/models/model-loader.js';
import type { LocalChatModel } from '../src/models/local-model.js';
import { writeTinyLlamaGguf } from './fixtures/gguf-tiny-llama.js';

let directory: string;
let model: LocalChatModel;
const savedThreads = process.env.LATERAL_LOCAL_THREADS;

beforeAll(async () => {
  // One llama.cpp thread: the test machine runs other suites at the same time (see local-threads.ts).
  process.env.LATERAL_LOCAL_THREADS = '1';
  directory = mkdtempSync(join(tmpdir(), 'lateral-gguf-'));
  model = await loadGgufChatModel(writeTinyLlamaGguf(join(directory, 'tiny.gguf')));
});

afterAll(() => {
  if (savedThreads === undefined) delete process.env.LATERAL_LOCAL_THREADS;
  else process.env.LATERAL_LOCAL_THREADS = savedThreads;
  rmSync(directory, { recursive: true, force: true });
});

const ask = (params: Record<string, unknown>, prompt = 'Hello there', systemPrompt?: string) =>
  model.complete({ prompt, params, ...(systemPrompt === undefined ? {} : { systemPrompt }) });

describe('GGUF chat model (tiny random llama through node-llama-cpp)', () => {
  it('generates text and stops at max_tokens', async () => {
    const short = await ask({ max_tokens: 4, temperature: 0 });
    const long = await ask({ max_tokens: 24, temperature: 0 });
    expect(short.length).toBeGreaterThan(0);
    // Every piece of the tiny vocabulary is one or two characters ("▁a" decodes to " a").
    expect(short.length).toBeLessThanOrEqual(8);
    expect(long.length).toBeGreaterThan(short.length);
    // Greedy decoding: the shorter answer is the start of the longer one.
    expect(long.startsWith(short.trimEnd())).toBe(true);
  });

  it('is deterministic with temperature 0, and with a seed when sampling', async () => {
    expect(await ask({ max_tokens: 16, temperature: 0 })).toBe(await ask({ max_tokens: 16, temperature: 0 }));
    const sampled = { max_tokens: 16, temperature: 1.5, top_p: 1, top_k: 0, seed: 7 };
    const first = await ask(sampled);
    expect(await ask(sampled)).toBe(first);
    expect(await ask({ ...sampled, seed: 8 })).not.toBe(first);
  });

  it('honours stop sequences', async () => {
    const full = await ask({ max_tokens: 24, temperature: 0 });
    const stopAt = [...full].find((char, index) => index >= 2 && /[a-z]/i.test(char) && full.indexOf(char) === index);
    expect(stopAt).toBeDefined();
    const stopped = await ask({ max_tokens: 24, temperature: 0, stop: [stopAt!] });
    expect(stopped).toBe(full.slice(0, full.indexOf(stopAt!)));
  });

  it('applies the system prompt', async () => {
    const none = await ask({ max_tokens: 16, temperature: 0 });
    const pirate = await ask({ max_tokens: 16, temperature: 0 }, 'Hello there', 'You are a pirate.');
    const poet = await ask({ max_tokens: 16, temperature: 0 }, 'Hello there', 'You write short poems about the sea.');
    expect(pirate).toBe(await ask({ max_tokens: 16, temperature: 0 }, 'Hello there', 'You are a pirate.'));
    expect(new Set([none, pirate, poet]).size).toBe(3);
  });

  it('answers parallel requests (more than its sequences) exactly as serial ones', async () => {
    const prompts = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];
    const serial: string[] = [];
    for (const prompt of prompts) serial.push(await ask({ max_tokens: 12, temperature: 0 }, prompt));
    const parallel = await Promise.all(prompts.map((prompt) => ask({ max_tokens: 12, temperature: 0 }, prompt)));
    expect(parallel).toEqual(serial);
    expect(new Set(serial).size).toBeGreaterThan(1);
  });

  it('reports a file that is not a GGUF model as a load error', async () => {
    const broken = join(directory, 'broken.gguf');
    writeFileSync(broken, 'this is not a model');
    await expect(loadLocalModel({ name: 'test/broken', kind: 'chat', source: { type: 'gguf', file: broken } })).rejects.toMatchObject({
      code: 'LATERAL_ERR_LOCAL_MODEL_LOAD',
      message: expect.stringContaining("Local model 'test/broken' could not be loaded"),
    });
  });
});
