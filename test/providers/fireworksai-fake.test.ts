import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREWORKS_CHAT_MODEL, startFireworksAIFake, type FireworksAIFake } from '../fakes/fireworksai-fake.js';
import { post } from './fake-request.js';

let fake: FireworksAIFake;
let auth: Record<string, string>;

beforeAll(async () => {
  fake = await startFireworksAIFake();
  auth = { authorization: `Bearer ${fake.apiKey}` };
});
afterAll(async () => {
  await fake.close();
});

describe('the Fireworks fake speaks the protocol', () => {
  it('serves OpenAI-shaped chat under /inference/v1 for resource-named models', async () => {
    const reply = await post(fake.chatUrl, { model: FIREWORKS_CHAT_MODEL, messages: [{ role: 'user', content: 'awful' }] }, auth);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ model: FIREWORKS_CHAT_MODEL, choices: [{ message: { content: 'NEGATIVE' } }] });
  });

  it('requires model and rejects models that are not deployed', async () => {
    expect((await post(fake.chatUrl, { messages: [{ role: 'user', content: 'x' }] }, auth)).json.error.message).toContain('you must provide a model parameter');
    expect(await post(fake.chatUrl, { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] }, auth)).toMatchObject({ status: 404, json: { error: { code: 'NOT_FOUND' } } });
  });

  it('checks Bearer auth and the path', async () => {
    expect((await post(fake.chatUrl, {}, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post(`${fake.url}/v1/chat/completions`, {}, auth)).status).toBe(404);
  });

  it('serves embeddings', async () => {
    const reply = await post(fake.embeddingsUrl, { model: 'nomic-ai/nomic-embed-text-v1.5', input: 'hello', dimensions: 3 }, auth);
    expect(reply.json.data[0].embedding).toHaveLength(3);
  });
});
