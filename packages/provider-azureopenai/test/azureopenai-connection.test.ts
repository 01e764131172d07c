import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { azureopenaiConnectionSchema, azureopenaiProvider, parseAzureOpenAIEndpoint, plugin } from '@lateral/provider-azureopenai';

const CHAT = 'https://my-res.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21';
const EMBED = 'https://my-res.openai.azure.com/openai/deployments/emb-small/embeddings?api-version=2024-10-21';

describe('azureopenai connection schema', () => {
  it('serves type azureopenai with api-key as its one required secret', () => {
    expect(azureopenaiConnectionSchema.types).toEqual(['azureopenai']);
    expect(azureopenaiConnectionSchema.secretKeys).toEqual(['api-key']);
    expect(azureopenaiConnectionSchema.requiredKeys).toEqual(['api-key']);
    expect(azureopenaiProvider.connectionTypes).toEqual(['azureopenai']);
    expect(azureopenaiProvider.requiresConnection).toBe(true);
    expect(plugin.provides).toEqual(['provider:azureopenai']);
    expect(plugin.name).toBe('@lateral/provider-azureopenai');
  });

  it.each([
    [CHAT, undefined],
    ['http://127.0.0.1:4000/openai/deployments/d/chat/completions?api-version=2024-10-21', undefined],
    ['https://my-res.openai.azure.com/openai/v1/chat/completions', undefined],
    ['https://my-res.openai.azure.com/openai/deployments/d/chat/completions', "no '?api-version='"],
    ['file:///etc/passwd', 'http or https'],
    ['::', 'not a valid URL'],
  ])('validates endpoint %s', (endpoint, problem) => {
    const message = azureopenaiConnectionSchema.validateEndpoint?.(endpoint);
    if (problem === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(problem);
  });

  it('reads resource, deployment, operation and api-version from the URL', () => {
    expect(parseAzureOpenAIEndpoint(CHAT)).toEqual({
      resource: 'my-res',
      deployment: 'gpt-4o-mini',
      operation: 'chat/completions',
      apiVersion: '2024-10-21',
      v1: false,
    });
    expect(parseAzureOpenAIEndpoint('http://127.0.0.1:1/openai/deployments/my%20dep/embeddings?api-version=2024-02-01')).toMatchObject({
      resource: undefined,
      deployment: 'my dep',
      operation: 'embeddings',
    });
    const v1 = parseAzureOpenAIEndpoint('https://r.openai.azure.com/openai/v1/embeddings');
    expect(v1).toMatchObject({ v1: true, operation: 'embeddings', resource: 'r' });
    expect(v1?.deployment).toBeUndefined();
  });
});

describe('azureopenai default input format', () => {
  it.each([
    [CHAT, 'OPENAI-CHAT'],
    [EMBED, 'OPENAI-EMBED'],
    ['https://r.openai.azure.com/openai/v1/embeddings', 'OPENAI-EMBED'],
    [undefined, 'OPENAI-CHAT'],
  ])('%s → %s', (endpoint, expected) => {
    expect(azureopenaiProvider.defaultInputFormat({ task: 'embedding', endpoint, providerOptions: {} })).toBe(expected);
  });

  it('rejects an embeddings format on a chat deployment URL', () => {
    const model: ResolvedModel = {
      name: 'm',
      version: 1,
      providerId: 'azureopenai',
      task: 'embedding',
      input: [],
      output: [],
      inputFormat: { id: 'OPENAI-EMBED' },
      outputFormat: { id: 'OPENAI-EMBED' },
      params: {},
      providerOptions: {},
      connection: { name: 'c', type: 'azureopenai', endpoint: CHAT, options: {}, secrets: { 'api-key': 'k' } },
    };
    expect(azureopenaiProvider.validateModel?.(model)).toMatchObject([{ code: 'LATERAL_ERR_OPTION_CONFLICT', option: 'azureopenai.input_format' }]);
    expect(azureopenaiProvider.validateModel?.({ ...model, connection: { ...model.connection!, endpoint: EMBED } })).toEqual([]);
  });
});
