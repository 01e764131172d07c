import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { azuremlConnectionSchema, azuremlModelOptions, azuremlProvider, plugin } from '@lateral/provider-azureml';

describe('azureml declarations', () => {
  it('connection type azureml with one required secret, api-key', () => {
    expect(azuremlConnectionSchema.types).toEqual(['azureml']);
    expect(azuremlConnectionSchema.secretKeys).toEqual(['api-key']);
    expect(azuremlConnectionSchema.requiredKeys).toEqual(['api-key']);
    expect(azuremlProvider.connectionTypes).toEqual(['azureml']);
    expect(azuremlProvider.requiresConnection).toBe(true);
  });

  it('declares azureml.deployment_name (confluent-dialect §5.5)', () => {
    expect(azuremlModelOptions.map((option) => option.key)).toEqual(['deployment_name']);
  });

  it.each([
    ['https://my-endpoint.eastus.inference.ml.azure.com/score', undefined],
    ['http://127.0.0.1:5001/score', undefined],
    ['ftp://my-endpoint.eastus.inference.ml.azure.com/score', 'http(s)'],
    ['no url', 'expected an http(s) URL'],
  ])('validates endpoint %s', (endpoint, message) => {
    const problem = azuremlConnectionSchema.validateEndpoint?.(endpoint);
    if (message === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(message);
  });

  it('is registered by the plugin under provider:azureml', () => {
    expect(plugin.name).toBe('@lateral/provider-azureml');
    expect(plugin.provides).toEqual(['provider:azureml']);
    expect(plugin.dependencies).toContain('input-format:AZUREML-PANDAS-DATAFRAME');
  });

  it('refuses an empty deployment name', () => {
    const model: ResolvedModel = {
      name: 'm',
      version: 1,
      providerId: 'azureml',
      task: 'regression',
      input: [],
      output: [],
      inputFormat: { id: 'AZUREML-PANDAS-DATAFRAME' },
      outputFormat: { id: 'JSON-ARRAY' },
      params: {},
      providerOptions: { deployment_name: ' ' },
    };
    expect(azuremlProvider.validateModel?.(model)).toEqual([
      { code: 'LATERAL_ERR_OPTION_INVALID', message: 'azureml.deployment_name must not be empty.', option: 'azureml.deployment_name' },
    ]);
    expect(azuremlProvider.validateModel?.({ ...model, providerOptions: { deployment_name: 'blue' } })).toEqual([]);
  });
});

describe('azureml default input format (confluent-dialect §10)', () => {
  it.each([
    ['https://my-endpoint.eastus.inference.ml.azure.com/score', 'AZUREML-PANDAS-DATAFRAME'],
    ['https://my-llama.eastus2.inference.ai.azure.com/v1/chat/completions', 'OPENAI-CHAT'],
    ['https://my-llama.eastus2.inference.ai.azure.com/score', 'OPENAI-CHAT'],
    // Lateral extensions: other serverless hosts, and OpenAI-style paths on any host
    ['https://my-phi.eastus2.models.ai.azure.com/chat/completions', 'OPENAI-CHAT'],
    ['https://my-resource.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview', 'OPENAI-CHAT'],
    ['http://127.0.0.1:5001/v1/chat/completions', 'OPENAI-CHAT'],
    ['http://127.0.0.1:5001/v1/embeddings', 'OPENAI-EMBED'],
    ['http://127.0.0.1:5001/score', 'AZUREML-PANDAS-DATAFRAME'],
    [undefined, 'AZUREML-PANDAS-DATAFRAME'],
  ])('%s → %s', (endpoint, format) => {
    expect(azuremlProvider.defaultInputFormat({ task: 'classification', endpoint, providerOptions: {} })).toBe(format);
  });
});
