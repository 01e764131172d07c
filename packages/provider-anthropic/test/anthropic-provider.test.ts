import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { ANTHROPIC_DEFAULT_MODEL, anthropicConnectionSchema, anthropicProvider, describeAnthropicError, plugin } from '@lateral/provider-anthropic';

function model(inputFormat: string, modelVersion?: string): ResolvedModel {
  return {
    name: 'm',
    version: 1,
    providerId: 'anthropic',
    task: 'text_generation',
    input: [],
    output: [],
    inputFormat: { id: inputFormat },
    outputFormat: { id: inputFormat },
    modelVersion,
    params: {},
    providerOptions: {},
    connection: { name: 'c', type: 'anthropic', endpoint: 'https://api.anthropic.com/v1/messages', options: {}, secrets: { 'api-key': 'k' } },
  };
}

describe('anthropic provider declarations', () => {
  it('serves type anthropic with api-key as its one required secret', () => {
    expect(anthropicConnectionSchema).toMatchObject({ types: ['anthropic'], secretKeys: ['api-key'], requiredKeys: ['api-key'] });
    expect(anthropicProvider).toMatchObject({ id: 'anthropic', connectionTypes: ['anthropic'], requiresConnection: true });
    expect(plugin).toMatchObject({ name: '@lateral/provider-anthropic', provides: ['provider:anthropic'], dependencies: ['input-format:ANTHROPIC-MESSAGES'] });
    expect(anthropicConnectionSchema.validateEndpoint?.('https://api.anthropic.com/v1/messages')).toBeUndefined();
    expect(anthropicConnectionSchema.validateEndpoint?.('api.anthropic.com/v1/messages')).toBeDefined();
  });

  it('defaults to ANTHROPIC-MESSAGES whatever the endpoint', () => {
    for (const endpoint of ['https://api.anthropic.com/v1/messages', 'http://127.0.0.1:1/v1/messages', undefined]) {
      expect(anthropicProvider.defaultInputFormat({ task: 'classification', endpoint, providerOptions: {} })).toBe('ANTHROPIC-MESSAGES');
    }
  });

  it('declares claude-haiku-4-5 as the model when anthropic.model_version is not set', () => {
    expect(ANTHROPIC_DEFAULT_MODEL).toBe('claude-haiku-4-5');
    expect(anthropicProvider.defaultModelVersion).toBe(ANTHROPIC_DEFAULT_MODEL);
  });

  it('refuses a Messages model with no (or an empty) model id', () => {
    for (const version of [undefined, '']) {
      expect(anthropicProvider.validateModel?.(model('ANTHROPIC-MESSAGES', version))).toEqual([
        expect.objectContaining({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'anthropic.model_version' }),
      ]);
    }
    expect(anthropicProvider.validateModel?.(model('ANTHROPIC-MESSAGES', 'claude-3-5-haiku-latest'))).toEqual([]);
    expect(anthropicProvider.validateModel?.(model('JSON'))).toEqual([]);
    expect(anthropicProvider.validateModel?.({ ...model('ANTHROPIC-MESSAGES'), params: { model: 'claude-x' } })).toEqual([]);
  });
});

describe('describeAnthropicError', () => {
  it('reads the error type as the code', () => {
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}';
    expect(describeAnthropicError(529, {}, body)).toEqual({ message: 'Overloaded', code: 'overloaded_error' });
  });

  it('obeys x-should-retry', () => {
    expect(describeAnthropicError(500, { 'x-should-retry': 'false' }, '').retryable).toBe(false);
    expect(describeAnthropicError(400, { 'x-should-retry': 'true' }, '').retryable).toBe(true);
  });

  it('tolerates other bodies', () => {
    expect(describeAnthropicError(502, {}, 'upstream error')).toEqual({ message: undefined, code: undefined });
  });
});
