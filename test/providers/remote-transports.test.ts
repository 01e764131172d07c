import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, type Dispatcher } from 'undici';
import type { ProviderV1, ResolvedModel } from '@lateral/core';
import { anthropicProvider } from '@lateral/provider-anthropic';
import { azureopenaiProvider } from '@lateral/provider-azureopenai';
import { fireworksaiProvider } from '@lateral/provider-fireworksai';
import { openaiProvider } from '@lateral/provider-openai';
import { startAnthropicFake } from '../fakes/anthropic-fake.js';
import { startAzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { startFireworksAIFake } from '../fakes/fireworksai-fake.js';
import type { HttpFake } from '../fakes/http-fake.js';
import { startOpenAIFake } from '../fakes/openai-fake.js';

/** What every one of the four transports must do the same way. */
interface Case {
  provider: ProviderV1;
  start: () => Promise<HttpFake & { apiKey: string }>;
  endpoint: (fake: HttpFake) => string;
  authHeader: (key: string) => [string, string];
}

const CASES: Case[] = [
  { provider: openaiProvider, start: startOpenAIFake, endpoint: (fake) => `${fake.url}/v1/chat/completions`, authHeader: (key) => ['authorization', `Bearer ${key}`] },
  {
    provider: azureopenaiProvider,
    start: startAzureOpenAIFake,
    endpoint: (fake) => `${fake.url}/openai/deployments/d/chat/completions?api-version=2024-10-21`,
    authHeader: (key) => ['api-key', key],
  },
  { provider: fireworksaiProvider, start: startFireworksAIFake, endpoint: (fake) => `${fake.url}/inference/v1/chat/completions`, authHeader: (key) => ['authorization', `Bearer ${key}`] },
  { provider: anthropicProvider, start: startAnthropicFake, endpoint: (fake) => `${fake.url}/v1/messages`, authHeader: (key) => ['x-api-key', key] },
];

let agent: Agent;
beforeAll(() => {
  agent = new Agent();
});
afterAll(async () => {
  await agent.close();
});

describe.each(CASES)('$provider.id transport', ({ provider, start, endpoint, authHeader }) => {
  it('posts to the endpoint as written, through the injected dispatcher, with auth and user-agent', async () => {
    const fake = await start();
    try {
      const seen: string[] = [];
      const dispatcher: Dispatcher = agent.compose((dispatch) => (options, handler) => {
        seen.push(`${options.origin}${options.path}`);
        return dispatch(options, handler);
      });
      const model: ResolvedModel = {
        name: 'm',
        version: 1,
        providerId: provider.id,
        task: 'text_generation',
        input: [],
        output: [],
        inputFormat: { id: 'OPENAI-CHAT' },
        outputFormat: { id: 'OPENAI-CHAT' },
        params: {},
        providerOptions: {},
        connection: { name: 'c', type: provider.id, endpoint: endpoint(fake), options: {}, secrets: { 'api-key': fake.apiKey } },
      };
      const transport = provider.createTransport(model, { dispatcher });
      const response = await transport.send({ body: '{}', headers: { 'content-type': 'application/json', accept: 'application/json' } });
      expect(response.status).toBe(400); // the fakes reject an empty body, as the services do
      expect(seen).toEqual([endpoint(fake)]);
      const [request] = fake.requests;
      const [name, value] = authHeader(fake.apiKey);
      expect(request?.method).toBe('POST');
      expect(request?.headers[name]).toBe(value);
      expect(request?.headers['user-agent']).toBe('lateral/0.1.0');
      expect(request?.headers.accept).toBe('application/json');
    } finally {
      await fake.close();
    }
  });

  it('refuses to build a transport without the api-key secret', () => {
    const model = {
      name: 'm',
      version: 1,
      providerId: provider.id,
      task: 'text_generation',
      input: [],
      output: [],
      inputFormat: { id: 'OPENAI-CHAT' },
      outputFormat: { id: 'OPENAI-CHAT' },
      params: {},
      providerOptions: {},
      connection: { name: 'c', type: provider.id, endpoint: 'http://127.0.0.1:9/x', options: {}, secrets: {} },
    } satisfies ResolvedModel;
    expect(() => provider.createTransport(model, {})).toThrow(/has no 'api-key'/);
    expect(() => provider.createTransport({ ...model, connection: undefined }, {})).toThrow(/connection/);
  });
});
