import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, type Dispatcher } from 'undici';
import { invokeOnce, prepareInvocation, ProviderCallError } from '@lateral/core';
import { createOpenAITransport, plugin } from '@lateral/provider-openai';
import { startOpenAIFake, type OpenAIFake } from '../../../test/fakes/openai-fake.js';
import { registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: OpenAIFake;
let agent: Agent;

beforeEach(async () => {
  fake = await startOpenAIFake({ latencyMs: 0 });
  agent = new Agent();
});
afterEach(async () => {
  await fake.close();
  await agent.close();
});

function model(clientTimeoutMs?: number) {
  return {
    ...resolvedModel({
      providerId: 'openai',
      inputFormat: 'OPENAI-CHAT',
      connection: { name: 'c', type: 'openai', endpoint: fake.chatUrl, options: {}, secrets: { 'api-key': fake.apiKey } },
    }),
    clientTimeoutMs,
  };
}

describe('openai transport', () => {
  it('sends every request through the injected dispatcher', async () => {
    const seen: string[] = [];
    const recording: Dispatcher = agent.compose((dispatch) => (options, handler) => {
      seen.push(`${options.method} ${options.origin}${options.path}`);
      return dispatch(options, handler);
    });
    const invocation = prepareInvocation(registry, model(), { dispatcher: recording });
    await invokeOnce(invocation, [['hello']]);
    expect(seen).toEqual([`POST ${fake.url}/v1/chat/completions`]);
  });

  it('falls back to the model client_timeout when the attempt has none, and times out retryably', async () => {
    fake.queue.push({ status: 200, body: {}, delayMs: 5_000 });
    const transport = createOpenAITransport(model(50), { dispatcher: agent });
    const error = await transport.send({ body: '{}', headers: { 'content-type': 'application/json' } }).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect((error as ProviderCallError).code).toBe('LATERAL_ERR_PROVIDER_TIMEOUT');
    expect((error as ProviderCallError).retryable).toBe(true);
  });

  it('keeps its auth header even if a format sends one', async () => {
    const transport = createOpenAITransport(model(), { dispatcher: agent });
    const response = await transport.send({
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      headers: { 'content-type': 'application/json', authorization: 'Bearer format-header' },
    });
    expect(response.status).toBe(200);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });
});
