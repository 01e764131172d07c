import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureOpenAIFake, type AzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { post } from './fake-request.js';

let fake: AzureOpenAIFake;
let auth: Record<string, string>;
const user = { messages: [{ role: 'user', content: 'happy' }] };

beforeAll(async () => {
  fake = await startAzureOpenAIFake({ deployments: { chat: 'gpt-4o-mini', emb: 'text-embedding-3-small' }, apiVersions: ['2024-10-21'] });
  auth = { 'api-key': fake.apiKey };
});
afterAll(async () => {
  await fake.close();
});

describe('the Azure OpenAI fake speaks the protocol', () => {
  it('answers with the deployment model and content filter annotations', async () => {
    const reply = await post(fake.chatUrl('chat'), user, auth);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ model: 'gpt-4o-mini', choices: [{ message: { content: 'POSITIVE' }, content_filter_results: { hate: { filtered: false } } }] });
    expect(reply.json.prompt_filter_results).toHaveLength(1);
  });

  it('routes only deployment paths with a known api-version', async () => {
    expect(await post(`${fake.url}/openai/deployments/chat/chat/completions`, user, auth)).toMatchObject({ status: 404, json: { error: { code: '404', message: 'Resource not found' } } });
    expect(await post(fake.chatUrl('chat', '2099-01-01'), user, auth)).toMatchObject({ status: 400, json: { error: { message: 'API version not supported' } } });
    expect(await post(fake.chatUrl('other'), user, auth)).toMatchObject({ status: 404, json: { error: { code: 'DeploymentNotFound' } } });
    expect(await post(`${fake.url}/v1/chat/completions?api-version=2024-10-21`, user, auth)).toMatchObject({ status: 404 });
  });

  it('requires the api-key header, not Bearer', async () => {
    const reply = await post(fake.chatUrl('chat'), user, { authorization: `Bearer ${fake.apiKey}` });
    expect(reply.status).toBe(401);
    expect(reply.json.error.message).toContain('Access denied due to invalid subscription key');
  });

  it('accepts a body without model, rejects bad messages', async () => {
    expect((await post(fake.chatUrl('chat'), { messages: [] }, auth)).json.error.code).toBe('empty_array');
  });

  it('serves embeddings and enforces the input limit', async () => {
    const ok = await post(fake.embeddingsUrl('emb'), { input: ['a', 'b'] }, auth);
    expect(ok.json.data).toHaveLength(2);
    const many = await post(fake.embeddingsUrl('emb'), { input: Array.from({ length: 2049 }, () => 'x') }, auth);
    expect(many.status).toBe(400);
    expect(many.json.error.message).toContain('The max number of inputs is 2048');
  });

  it('rate-limits with retry-after and retry-after-ms', async () => {
    const limited = await startAzureOpenAIFake({ rateLimit: { requestsPerMinute: 1, now: () => 0 } });
    try {
      await post(limited.embeddingsUrl('e'), { input: 'x' }, { 'api-key': limited.apiKey });
      const reply = await post(limited.embeddingsUrl('e'), { input: 'x' }, { 'api-key': limited.apiKey });
      expect(reply.status).toBe(429);
      expect(reply.json.error.code).toBe('429');
      expect(reply.json.error.message).toContain('Embeddings_Create Operation');
      expect(reply.headers.get('retry-after')).toBe('60');
      expect(reply.headers.get('retry-after-ms')).toBe('60000');
    } finally {
      await limited.close();
    }
  });
});
