import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { parseSageMakerEndpoint, plugin, sagemakerConnectionSchema, sagemakerModelOptions, sagemakerProvider } from '@lateral/provider-sagemaker';

describe('sagemaker endpoints', () => {
  it.each([
    ['https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-endpoint/invocations', 'us-west-2', 'my-endpoint'],
    ['https://runtime-fips.sagemaker.us-gov-west-1.amazonaws.com/endpoints/xgb-1/invocations/', 'us-gov-west-1', 'xgb-1'],
    ['https://vpce-0123-abcd.runtime.sagemaker.eu-west-1.vpce.amazonaws.com/endpoints/e/invocations', 'eu-west-1', 'e'],
    ['https://runtime.sagemaker.cn-northwest-1.amazonaws.com.cn/endpoints/e/invocations', 'cn-northwest-1', 'e'],
    ['http://127.0.0.1:9000/endpoints/local-model/invocations', undefined, 'local-model'],
  ])('%s', (endpoint, region, name) => {
    const parsed = parseSageMakerEndpoint(endpoint);
    expect(parsed.hostRegion).toBe(region);
    expect(parsed.endpointName).toBe(name);
    expect(parsed.url.pathname).toBe(`/endpoints/${name}/invocations`);
  });

  it.each([
    ['https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-endpoint', 'expected to match'],
    ['https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/-bad-/invocations', 'must be at most 63'],
    [`https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/${'a'.repeat(64)}/invocations`, 'must be at most 63'],
    ['file:///endpoints/e/invocations', 'http(s)'],
  ])('rejects %s', (endpoint, message) => {
    expect(sagemakerConnectionSchema.validateEndpoint?.(endpoint)).toContain(message);
  });
});

describe('sagemaker provider declarations', () => {
  it('connection: the AWS key pair required, session token optional, all secret; region as a fallback', () => {
    expect(sagemakerConnectionSchema.types).toEqual(['sagemaker']);
    expect(sagemakerConnectionSchema.secretKeys).toEqual(['aws-access-key', 'aws-secret-key', 'aws-session-token']);
    expect(sagemakerConnectionSchema.requiredKeys).toEqual(['aws-access-key', 'aws-secret-key']);
    expect(sagemakerConnectionSchema.optionalKeys.map((option) => option.key)).toEqual(['region']);
  });

  it('declares the documented header options (confluent-dialect §5.5)', () => {
    expect(sagemakerModelOptions.map((option) => option.key)).toEqual([
      'custom_attributes',
      'enable_explanations',
      'inference_component_name',
      'inference_id',
      'target_container_hostname',
      'target_model',
      'target_variant',
    ]);
  });

  it('defaults to CSV whatever the endpoint', () => {
    expect(sagemakerProvider.defaultInputFormat({ task: 'regression', providerOptions: {} })).toBe('CSV');
    expect(sagemakerProvider.defaultInputFormat({ task: 'text_generation', endpoint: 'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/llm/invocations', providerOptions: {} })).toBe('CSV');
  });

  it('is registered by the plugin under provider:sagemaker, needing CSV', () => {
    expect(plugin.name).toBe('@lateral/provider-sagemaker');
    expect(plugin.provides).toEqual(['provider:sagemaker']);
    expect(plugin.dependencies).toEqual(['input-format:CSV']);
  });
});

describe('sagemaker model checks', () => {
  function model(providerOptions: Record<string, string>, endpoint = 'https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/e/invocations', options: Record<string, string> = {}): ResolvedModel {
    return {
      name: 'm',
      version: 1,
      providerId: 'sagemaker',
      task: 'regression',
      input: [],
      output: [],
      inputFormat: { id: 'CSV' },
      outputFormat: { id: 'CSV' },
      params: {},
      providerOptions,
      connection: { name: 'c', type: 'sagemaker', endpoint, options, secrets: { 'aws-access-key': 'AKID', 'aws-secret-key': 'secret' } },
    };
  }

  it('accepts valid header values', () => {
    expect(sagemakerProvider.validateModel?.(model({ custom_attributes: 'accept_eula=true', target_variant: 'variant-1', inference_id: 'req 42' }))).toEqual([]);
  });

  it.each([
    [{ custom_attributes: 'x'.repeat(1025) }, 'sagemaker.custom_attributes'],
    [{ custom_attributes: 'naïve' }, 'sagemaker.custom_attributes'],
    [{ inference_id: 'x'.repeat(65) }, 'sagemaker.inference_id'],
    [{ target_variant: 'bad_variant' }, 'sagemaker.target_variant'],
    [{ inference_component_name: '-x' }, 'sagemaker.inference_component_name'],
    [{ target_container_hostname: 'a'.repeat(64) }, 'sagemaker.target_container_hostname'],
    [{ target_model: 'has space.tar.gz' }, 'sagemaker.target_model'],
  ])('refuses %j', (options, option) => {
    const [diagnostic] = sagemakerProvider.validateModel?.(model(options)) ?? [];
    expect(diagnostic).toMatchObject({ code: 'LATERAL_ERR_OPTION_INVALID', option });
  });

  it('needs a region on a non-AWS host', () => {
    const [diagnostic] = sagemakerProvider.validateModel?.(model({}, 'http://127.0.0.1:1/endpoints/e/invocations')) ?? [];
    expect(diagnostic).toMatchObject({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'region' });
    expect(sagemakerProvider.validateModel?.(model({}, 'http://127.0.0.1:1/endpoints/e/invocations', { region: 'us-east-1' }))).toEqual([]);
  });
});
