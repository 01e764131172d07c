import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_FAKE_MODEL, startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { post } from './fake-request.js';

let fake: AnthropicFake;
let auth: Record<string, string>;
const good = { model: ANTHROPIC_FAKE_MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'I hate this' }] };

beforeAll(async () => {
  fake = await startAnthropicFake();
  auth = { 'x-api-key': fake.apiKey, 'anthropic-version': '2023-06-01' };
});
afterAll(async () => {
  await fake.close();
});

describe('the Anthropic fake speaks the protocol', () => {
  it('answers a message in the real shape', async () => {
    const reply = await post(fake.messagesUrl, { ...good, system: 'Be terse.' }, auth);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ type: 'message', role: 'assistant', model: ANTHROPIC_FAKE_MODEL, content: [{ type: 'text', text: 'NEGATIVE' }], stop_reason: 'end_turn' });
    expect(reply.json.usage.output_tokens).toBe(1);
    expect(reply.headers.get('anthropic-ratelimit-requests-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('checks x-api-key and anthropic-version', async () => {
    expect((await post(fake.messagesUrl, good, { 'anthropic-version': '2023-06-01' })).json).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
    expect((await post(fake.messagesUrl, good, { ...auth, 'x-api-key': 'wrong' })).json.error).toEqual({ type: 'authentication_error', message: 'invalid x-api-key' });
    const noVersion = await post(fake.messagesUrl, good, { 'x-api-key': fake.apiKey });
    expect(noVersion.status).toBe(400);
    expect(noVersion.json.error.message).toBe('anthropic-version: header is required');
  });

  it.each([
    [{ max_tokens: 16, messages: good.messages }, 'model: Field required'],
    [{ model: ANTHROPIC_FAKE_MODEL, messages: good.messages }, 'max_tokens: Field required'],
    [{ model: ANTHROPIC_FAKE_MODEL, max_tokens: 16 }, 'messages: Field required'],
    [{ ...good, anthropic_version: 'bedrock-2023-05-31' }, 'anthropic_version: Extra inputs are not permitted'],
    [{ ...good, messages: [{ role: 'system', content: 'x' }] }, 'Unexpected role "system"'],
    [{ ...good, messages: [{ role: 'user', content: '' }] }, 'non-empty content'],
    [{ ...good, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text: Field required'],
    [{ ...good, temperature: 1.5 }, 'temperature'],
  ])('rejects a bad body with 400 invalid_request_error (%#)', async (body, message) => {
    const reply = await post(fake.messagesUrl, body, auth);
    expect(reply.status).toBe(400);
    expect(reply.json.error.type).toBe('invalid_request_error');
    expect(reply.json.error.message).toContain(message);
    expect(reply.json.request_id).toMatch(/^req_/);
  });
});
