import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { deterministicEmbedding, float32Base64, sentimentLabel } from '../fakes/fake-content.js';
import { post } from './fake-request.js';

let fake: OpenAIFake;
let auth: Record<string, string>;

beforeAll(async () => {
  fake = await startOpenAIFake({ organization: 'org-1', models: ['gpt-4o-mini', 'text-embedding-3-small'] });
  auth = { authorization: `Bearer ${fake.apiKey}`, 'openai-organization': 'org-1' };
});
afterAll(async () => {
  await fake.close();
});

const chat = (messages: unknown, extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages, ...extra });

describe('the OpenAI fake speaks the protocol', () => {
  it('answers a chat completion in the real shape with a sentiment label', async () => {
    const reply = await post(fake.chatUrl, chat([{ role: 'user', content: 'I love it' }]), auth);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'POSITIVE' }, finish_reason: 'stop' }] });
    expect(reply.json.usage.total_tokens).toBe(reply.json.usage.prompt_tokens + reply.json.usage.completion_tokens);
    expect(reply.headers.get('x-ratelimit-remaining-requests')).toBeTruthy();
    expect(reply.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'x' }] }, 'you must provide a model parameter', null],
    [{ model: 'gpt-4o-mini' }, "Missing required parameter: 'messages'.", 'missing_required_parameter'],
    [chat([]), "Invalid 'messages': empty array.", 'empty_array'],
    [chat([{ role: 'robot', content: 'x' }]), "Invalid value: 'robot'.", 'invalid_value'],
    [chat([{ role: 'user' }]), "Missing required parameter: 'messages[0].content'.", 'missing_required_parameter'],
    [chat([{ role: 'user', content: 5 }]), "Invalid type for 'messages[0].content'", 'invalid_type'],
    [chat([{ role: 'user', content: 'x' }], { temperature: 3 }), "Invalid 'temperature'", 'decimal_above_max_value'],
  ])('rejects a bad chat body %j with 400', async (body, message, code) => {
    const reply = await post(fake.chatUrl, body, auth);
    expect(reply.status).toBe(400);
    expect(reply.json.error.message).toContain(message);
    expect(reply.json.error).toMatchObject({ type: 'invalid_request_error', code });
  });

  it('rejects a body that is not JSON', async () => {
    const reply = await post(fake.chatUrl, '{not json', auth);
    expect(reply.status).toBe(400);
    expect(reply.json.error.message).toContain('We could not parse the JSON body');
  });

  it('checks auth, organization, path and method like the service', async () => {
    expect((await post(fake.chatUrl, chat([{ role: 'user', content: 'x' }]), { 'openai-organization': 'org-1' })).json.error.message).toContain("You didn't provide an API key");
    const wrong = await post(fake.chatUrl, chat([{ role: 'user', content: 'x' }]), { ...auth, authorization: 'Bearer sk-abcdefghijklmnopxyz' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error', param: null });
    expect(wrong.json.error.message).toContain('Incorrect API key provided: sk-abc***xyz.');
    const org = await post(fake.chatUrl, chat([{ role: 'user', content: 'x' }]), { ...auth, 'openai-organization': 'org-2' });
    expect(org.json.error.code).toBe('mismatched_organization');
    expect((await post(`${fake.url}/v1/completions`, {}, auth)).status).toBe(404);
    expect((await post(fake.chatUrl, undefined, auth, 'GET')).status).toBe(405);
    expect((await post(fake.chatUrl, chat([{ role: 'user', content: 'x' }], { model: 'gpt-x' }), auth)).json.error.code).toBe('model_not_found');
  });

  it('serves embeddings as floats or base64, with dimensions', async () => {
    const floats = await post(fake.embeddingsUrl, { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 4 }, auth);
    expect(floats.json).toMatchObject({ object: 'list', model: 'text-embedding-3-small' });
    expect(floats.json.data).toEqual([
      { object: 'embedding', index: 0, embedding: deterministicEmbedding('a', 4) },
      { object: 'embedding', index: 1, embedding: deterministicEmbedding('b', 4) },
    ]);
    const base64 = await post(fake.embeddingsUrl, { model: 'text-embedding-3-small', input: 'a', encoding_format: 'base64' }, auth);
    expect(base64.json.data[0].embedding).toBe(float32Base64(deterministicEmbedding('a', 8)));
  });

  it.each([
    [{ model: 'text-embedding-3-small' }, "'input' is a required property"],
    [{ model: 'text-embedding-3-small', input: '' }, "'$.input' is invalid"],
    [{ model: 'text-embedding-3-small', input: ['ok', ''] }, "'$.input' is invalid"],
    [{ model: 'text-embedding-3-small', input: Array.from({ length: 2049 }, () => 'x') }, "'$.input' is invalid"],
    [{ input: 'x' }, 'you must provide a model parameter'],
  ])('rejects a bad embeddings body with 400', async (body, message) => {
    const reply = await post(fake.embeddingsUrl, body, auth);
    expect(reply.status).toBe(400);
    expect(reply.json.error.message).toContain(message);
  });

  it('labels sentiment by keywords', () => {
    expect(sentimentLabel('I LOVE this, great!')).toBe('POSITIVE');
    expect(sentimentLabel('terrible and bad')).toBe('NEGATIVE');
    expect(sentimentLabel('good but bad')).toBe('NEUTRAL');
    expect(sentimentLabel('The parcel arrived.')).toBe('NEUTRAL');
  });

  it('makes unit-length vectors that differ between texts', () => {
    const vector = deterministicEmbedding('hello', 16);
    expect(vector).toHaveLength(16);
    expect(Math.abs(Math.hypot(...vector) - 1)).toBeLessThan(1e-4);
    expect(deterministicEmbedding('hello', 16)).toEqual(vector);
    expect(deterministicEmbedding('world', 16)).not.toEqual(vector);
  });
});
