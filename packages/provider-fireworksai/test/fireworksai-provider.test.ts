import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { describeFireworksAIError, fireworksaiConnectionSchema, fireworksaiProvider, plugin } from '@lateral/provider-fireworksai';

const CHAT = 'https://api.fireworks.ai/inference/v1/chat/completions';
const EMBED = 'https://api.fireworks.ai/inference/v1/embeddings';

function model(endpoint: string, inputFormat: string, modelVersion?: string): ResolvedModel {
  return {
    name: 'm',
    version: 1,
    providerId: 'fireworksai',
    task: 'text_generation',
    input: [],
    output: [],
    inputFormat: { id: inputFormat },
    outputFormat: { id: inputFormat },
    modelVersion,
    params: {},
    providerOptions: {},
    connection: { name: 'c', type: 'fireworksai', endpoint, options: {}, secrets: { 'api-key': 'fw_x' } },
  };
}

describe('fireworksai provider declarations', () => {
  it('serves type fireworksai with api-key as its one required secret', () => {
    expect(fireworksaiConnectionSchema).toMatchObject({ types: ['fireworksai'], secretKeys: ['api-key'], requiredKeys: ['api-key'] });
    expect(fireworksaiProvider).toMatchObject({ id: 'fireworksai', connectionTypes: ['fireworksai'], requiresConnection: true });
    expect(plugin).toMatchObject({ name: '@lateral/provider-fireworksai', provides: ['provider:fireworksai'] });
    expect(fireworksaiConnectionSchema.validateEndpoint?.(CHAT)).toBeUndefined();
    expect(fireworksaiConnectionSchema.validateEndpoint?.('ws://api.fireworks.ai/')).toContain('http or https');
  });

  it.each([
    [CHAT, 'OPENAI-CHAT'],
    [EMBED, 'OPENAI-EMBED'],
    ['http://127.0.0.1:1/inference/v1/embeddings', 'OPENAI-EMBED'],
    [undefined, 'OPENAI-CHAT'],
  ])('default input format for %s is %s', (endpoint, expected) => {
    expect(fireworksaiProvider.defaultInputFormat({ task: 'text_generation', endpoint, providerOptions: {} })).toBe(expected);
  });

  it('requires fireworksai.model_version at CREATE MODEL time', () => {
    expect(fireworksaiProvider.validateModel?.(model(CHAT, 'OPENAI-CHAT'))).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'fireworksai.model_version' }),
    ]);
    expect(fireworksaiProvider.validateModel?.(model(CHAT, 'OPENAI-CHAT', 'accounts/fireworks/models/llama-v3p1-8b-instruct'))).toEqual([]);
    expect(fireworksaiProvider.validateModel?.({ ...model(CHAT, 'OPENAI-CHAT'), params: { model: 'accounts/x/models/y' } })).toEqual([]);
  });

  it('reports a format that does not fit the endpoint', () => {
    expect(fireworksaiProvider.validateModel?.(model(EMBED, 'OPENAI-CHAT', 'm/x'))).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_CONFLICT', option: 'fireworksai.input_format' }),
    ]);
  });
});

describe('describeFireworksAIError', () => {
  it.each([
    ['{"error":{"object":"error","type":"invalid_request_error","code":"NOT_FOUND","message":"Model not found"}}', { message: 'Model not found', code: 'NOT_FOUND' }],
    ['{"error":{"type":"rate_limit_exceeded","message":"slow down"}}', { message: 'slow down', code: 'rate_limit_exceeded' }],
    ['{"detail":"Unauthorized"}', { message: 'Unauthorized', code: undefined }],
    ['{"message":"boom","code":500}', { message: 'boom', code: '500' }],
    ['{"error":"plain text error"}', { message: 'plain text error', code: undefined }],
    ['<html>oops</html>', {}],
  ])('reads %s', (body, expected) => {
    expect(describeFireworksAIError(400, {}, body)).toEqual(expected);
  });
});
