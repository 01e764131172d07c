import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Engine,
  PluginRegistry,
  builtinConnectorsPlugin,
  builtinFormatsPlugin,
  builtinTasksPlugin,
  createInferenceRuntime,
  type InferenceRuntime,
} from '@lateral/core';
import { plugin as anthropicPlugin } from '@lateral/provider-anthropic';
import { plugin as azureopenaiPlugin } from '@lateral/provider-azureopenai';
import { plugin as fireworksaiPlugin } from '@lateral/provider-fireworksai';
import { plugin as openaiPlugin } from '@lateral/provider-openai';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startAzureOpenAIFake, type AzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { FIREWORKS_CHAT_MODEL, startFireworksAIFake, type FireworksAIFake } from '../fakes/fireworksai-fake.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';

/** The four providers end to end: SQL text → engine → provider transport → fake → rows. */
let engine: Engine;
let inference: InferenceRuntime;
let dataDir: string;
let openai: OpenAIFake;
let azure: AzureOpenAIFake;
let fireworks: FireworksAIFake;
let anthropic: AnthropicFake;

async function run(sql: string): Promise<{ messages: string[]; rows: unknown[][] }> {
  const messages: string[] = [];
  const rows: unknown[][] = [];
  for await (const result of engine.executeScript(sql)) {
    if (result.kind === 'message') messages.push(result.message);
    else for await (const batch of result.rows) rows.push(...batch);
  }
  return { messages, rows };
}

async function failure(sql: string): Promise<string> {
  try {
    await run(sql);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the statement to fail');
}

beforeAll(async () => {
  const registry = new PluginRegistry();
  for (const plugin of [builtinFormatsPlugin, builtinTasksPlugin, builtinConnectorsPlugin, openaiPlugin, azureopenaiPlugin, fireworksaiPlugin, anthropicPlugin]) {
    registry.registerPlugin(plugin);
  }
  inference = createInferenceRuntime({ registry, mode: 'in-process' });
  dataDir = mkdtempSync(join(tmpdir(), 'lateral-remote-providers-'));
  engine = await Engine.open({ dataDir, registry, inference, environment: {} });
  [openai, azure, fireworks, anthropic] = await Promise.all([startOpenAIFake(), startAzureOpenAIFake(), startFireworksAIFake(), startAnthropicFake()]);
  await run(`
    CREATE TABLE reviews (id INT, review STRING);
    INSERT INTO reviews VALUES (1, 'I love it, great value'), (2, 'Terrible, it broke'), (3, 'It arrived on Tuesday');`);
});

afterAll(async () => {
  await inference?.close();
  await Promise.all([openai, azure, fireworks, anthropic].map((fake) => fake?.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

const LABELS = [
  [1, 'POSITIVE'],
  [2, 'NEGATIVE'],
  [3, 'NEUTRAL'],
];

describe('remote providers from SQL', () => {
  it('openai: classification with ML_PREDICT', async () => {
    const { rows } = await run(`
      CREATE CONNECTION openai_connection WITH ('type' = 'openai', 'endpoint' = '${openai.chatUrl}', 'api-key' = '${openai.apiKey}');
      CREATE MODEL sentimentmodel INPUT (text STRING) OUTPUT (sentiment STRING)
        WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'openai_connection',
              'openai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.');
      SELECT id, sentiment FROM reviews, LATERAL TABLE(ML_PREDICT('sentimentmodel', review));`);
    expect(rows).toEqual(LABELS);
  });

  it('openai: embeddings with AI_EMBEDDING, batched into one request', async () => {
    const before = openai.requests.length;
    const { rows } = await run(`
      CREATE CONNECTION openai_embeddings WITH ('type' = 'openai', 'endpoint' = '${openai.embeddingsUrl}', 'api-key' = '${openai.apiKey}');
      CREATE MODEL embedder INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
        WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'openai_embeddings');
      SELECT id, embedding FROM reviews, LATERAL TABLE(AI_EMBEDDING('embedder', review));`);
    expect(rows.map(([id]) => id)).toEqual([1, 2, 3]);
    expect((rows[0]![1] as number[]).map((value) => Math.round(value * 1e4))).toEqual(
      deterministicEmbedding('I love it, great value', 8).map((value) => Math.round(value * 1e4)),
    );
    expect(openai.requests.length - before).toBe(1);
  });

  it('azureopenai: a deployment URL with a pass-through param', async () => {
    const { rows } = await run(`
      CREATE CONNECTION azure_connection WITH ('type' = 'azureopenai', 'endpoint' = '${azure.chatUrl('gpt-4o-mini')}', 'api-key' = '${azure.apiKey}');
      CREATE MODEL azure_model INPUT (prompt STRING) OUTPUT (response STRING)
        WITH ('provider' = 'azureopenai', 'task' = 'text_generation', 'azureopenai.connection' = 'azure_connection',
              'azureopenai.PARAMS.max_completion_tokens' = '16');
      SELECT id, response FROM reviews, LATERAL TABLE(ML_PREDICT('azure_model', review));`);
    expect(rows).toEqual(LABELS);
    expect(azure.requests.at(-1)?.json).toMatchObject({ max_completion_tokens: 16 });
  });

  it('fireworksai: model_version is sent as model', async () => {
    const { rows } = await run(`
      CREATE CONNECTION fireworks_connection WITH ('type' = 'fireworksai', 'endpoint' = '${fireworks.chatUrl}', 'api-key' = '${fireworks.apiKey}');
      CREATE MODEL llama INPUT (prompt STRING) OUTPUT (response STRING)
        WITH ('provider' = 'fireworksai', 'task' = 'text_generation', 'fireworksai.connection' = 'fireworks_connection',
              'fireworksai.model_version' = '${FIREWORKS_CHAT_MODEL}');
      SELECT id, response FROM reviews, LATERAL TABLE(ML_PREDICT('llama', review));`);
    expect(rows).toEqual(LABELS);
  });

  it('anthropic: the Messages API', async () => {
    const { rows } = await run(`
      CREATE CONNECTION anthropic_connection WITH ('type' = 'anthropic', 'endpoint' = '${anthropic.messagesUrl}', 'api-key' = '${anthropic.apiKey}');
      CREATE MODEL claude INPUT (prompt STRING) OUTPUT (response STRING)
        WITH ('provider' = 'anthropic', 'task' = 'text_generation', 'anthropic.connection' = 'anthropic_connection',
              'anthropic.model_version' = 'claude-3-5-haiku-latest', 'anthropic.params.max_tokens' = '8');
      SELECT id, response FROM reviews, LATERAL TABLE(ML_PREDICT('claude', review));`);
    expect(rows).toEqual(LABELS);
    expect(anthropic.requests.at(-1)?.json).toMatchObject({ model: 'claude-3-5-haiku-latest', max_tokens: 8 });
  });

  it('rejects what the providers cannot serve at CREATE time', async () => {
    expect(
      await failure(`CREATE MODEL no_model INPUT (p STRING) OUTPUT (r STRING)
        WITH ('provider' = 'fireworksai', 'task' = 'text_generation', 'fireworksai.connection' = 'fireworks_connection');`),
    ).toContain('fireworksai.model_version');
    // without anthropic.model_version the provider's default model is sent; an empty one is refused
    expect(
      await failure(`CREATE MODEL no_claude INPUT (p STRING) OUTPUT (r STRING)
        WITH ('provider' = 'anthropic', 'task' = 'text_generation', 'anthropic.connection' = 'anthropic_connection', 'anthropic.model_version' = '');`),
    ).toContain('anthropic.model_version');
    expect(
      await failure(`CREATE MODEL chat_on_embed INPUT (p STRING) OUTPUT (r STRING)
        WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'openai_embeddings', 'openai.input_format' = 'OPENAI-CHAT');`),
    ).toContain('serves embeddings');
    expect(
      await failure(`CREATE CONNECTION no_version WITH ('type' = 'azureopenai', 'endpoint' = '${azure.url}/openai/deployments/d/chat/completions', 'api-key' = 'k');`),
    ).toContain('api-version');
    expect(await failure(`CREATE CONNECTION no_key WITH ('type' = 'anthropic', 'endpoint' = '${anthropic.messagesUrl}');`)).toContain('api-key');
  });

  it('a wrong key fails the query with the provider error and never prints the key', async () => {
    const message = await failure(`
      CREATE CONNECTION wrong_key WITH ('type' = 'openai', 'endpoint' = '${openai.chatUrl}', 'api-key' = 'sk-wrong-key-0000000000');
      CREATE MODEL wrong_key_model INPUT (text STRING) OUTPUT (label STRING)
        WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'wrong_key');
      SELECT id, label FROM reviews, LATERAL TABLE(ML_PREDICT('wrong_key_model', review));`);
    expect(message).toContain('401');
    expect(message).not.toContain('sk-wrong-key-0000000000');
  });
});
