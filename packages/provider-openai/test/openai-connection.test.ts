import { describe, expect, it } from 'vitest';
import { openaiConnectionSchema, openaiProvider, plugin } from '@lateral/provider-openai';

describe('openai connection schema', () => {
  it('serves type openai with api-key as its one required secret', () => {
    expect(openaiConnectionSchema.types).toEqual(['openai']);
    expect(openaiConnectionSchema.secretKeys).toEqual(['api-key']);
    expect(openaiConnectionSchema.requiredKeys).toEqual(['api-key']);
    expect(openaiProvider.connectionTypes).toEqual(['openai']);
    expect(openaiProvider.requiresConnection).toBe(true);
    expect(openaiProvider.connectionSchemas).toContain(openaiConnectionSchema);
  });

  it('accepts organization and project as non-secret keys', () => {
    expect(openaiConnectionSchema.optionalKeys.map((option) => option.key)).toEqual(['organization', 'project']);
  });

  it.each([
    ['https://api.openai.com/v1/chat/completions', undefined],
    ['http://127.0.0.1:8080/v1/embeddings', undefined],
    ['ftp://api.openai.com/v1/chat/completions', 'http or https'],
    ['not a url', 'not a valid URL'],
  ])('validates endpoint %s', (endpoint, problem) => {
    const message = openaiConnectionSchema.validateEndpoint?.(endpoint);
    if (problem === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(problem);
  });

  it('is registered by the plugin under provider:openai', () => {
    expect(plugin.name).toBe('@lateral/provider-openai');
    expect(plugin.provides).toEqual(['provider:openai']);
    expect(plugin.dependencies).toEqual(['input-format:OPENAI-CHAT', 'input-format:OPENAI-EMBED']);
  });
});
