import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { openaiProvider } from '@lateral/provider-openai';

describe('openai default input format (confluent-dialect §10)', () => {
  it.each([
    ['https://api.openai.com/v1/chat/completions', 'OPENAI-CHAT'],
    ['https://api.openai.com/v1/embeddings', 'OPENAI-EMBED'],
    ['http://127.0.0.1:9999/v1/embeddings/', 'OPENAI-EMBED'],
    ['http://127.0.0.1:9999/proxy/embeddings?x=1', 'OPENAI-EMBED'],
    ['https://api.openai.com/v1/chat/completions?next=/embeddings', 'OPENAI-CHAT'],
    [undefined, 'OPENAI-CHAT'],
  ])('%s → %s', (endpoint, expected) => {
    expect(openaiProvider.defaultInputFormat({ task: 'text_generation', endpoint, providerOptions: {} })).toBe(expected);
  });
});

describe('openai model checks', () => {
  function model(endpoint: string, inputFormat: string): ResolvedModel {
    return {
      name: 'm',
      version: 1,
      providerId: 'openai',
      task: 'text_generation',
      input: [],
      output: [],
      inputFormat: { id: inputFormat },
      outputFormat: { id: inputFormat },
      params: {},
      providerOptions: {},
      connection: { name: 'c', type: 'openai', endpoint, options: {}, secrets: { 'api-key': 'sk-x' } },
    };
  }

  it('accepts formats that fit the endpoint', () => {
    expect(openaiProvider.validateModel?.(model('https://api.openai.com/v1/chat/completions', 'OPENAI-CHAT'))).toEqual([]);
    expect(openaiProvider.validateModel?.(model('https://api.openai.com/v1/embeddings', 'OPENAI-EMBED'))).toEqual([]);
    expect(openaiProvider.validateModel?.(model('http://127.0.0.1:1/custom', 'OPENAI-EMBED'))).toEqual([]);
  });

  it('rejects a chat format on an embeddings endpoint, and the reverse', () => {
    const [chatOnEmbed] = openaiProvider.validateModel?.(model('https://api.openai.com/v1/embeddings', 'OPENAI-CHAT')) ?? [];
    expect(chatOnEmbed).toMatchObject({ code: 'LATERAL_ERR_OPTION_CONFLICT', option: 'openai.input_format' });
    expect(chatOnEmbed?.message).toContain('serves embeddings');
    const [embedOnChat] = openaiProvider.validateModel?.(model('https://api.openai.com/v1/chat/completions', 'OPENAI-EMBED')) ?? [];
    expect(embedOnChat?.message).toContain('serves chat completions');
  });
});
