import { describe, expect, it } from 'vitest';
import type { ResolvedConnection, ResolvedModel } from '@lateral/core';
import { bedrockConnectionSchema, bedrockProvider, parseBedrockEndpoint, plugin } from '@lateral/provider-bedrock';

describe('bedrock endpoints', () => {
  it.each([
    ['https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke', 'us-east-1', '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke'],
    ['https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com/model/amazon.titan-embed-text-v2%3A0/invoke/', 'us-gov-west-1', '/model/amazon.titan-embed-text-v2%3A0/invoke'],
    ['https://vpce-0abc-xyz.bedrock-runtime.eu-central-1.vpce.amazonaws.com/model/meta.llama3-8b-instruct-v1:0/invoke', 'eu-central-1', '/model/meta.llama3-8b-instruct-v1%3A0/invoke'],
    ['https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/amazon.titan-text-express-v1/invoke', 'cn-north-1', '/model/amazon.titan-text-express-v1/invoke'],
    ['http://127.0.0.1:8080/model/cohere.embed-english-v3/invoke', undefined, '/model/cohere.embed-english-v3/invoke'],
    ['http://127.0.0.1:8080/proxy/bedrock/model/ai21.j2-ultra-v1/invoke', undefined, '/proxy/bedrock/model/ai21.j2-ultra-v1/invoke'],
  ])('%s', (endpoint, region, path) => {
    const parsed = parseBedrockEndpoint(endpoint);
    expect(parsed.hostRegion).toBe(region);
    expect(parsed.url.pathname).toBe(path);
  });

  it('encodes an ARN model id as ONE path segment (`/` → %2F)', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
    const parsed = parseBedrockEndpoint(`https://bedrock-runtime.us-east-1.amazonaws.com/model/${arn}/invoke`);
    expect(parsed.modelId).toBe(arn);
    expect(parsed.url.pathname).toBe(
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
    );
  });

  it.each([
    ['https://bedrock-runtime.us-east-1.amazonaws.com/', 'expected to match'],
    ['https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse', 'expected to match'],
    ['ftp://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke', 'http(s)'],
    ['not a url', 'expected to match'],
  ])('rejects %s', (endpoint, message) => {
    expect(bedrockConnectionSchema.validateEndpoint?.(endpoint)).toContain(message);
  });

  it('accepts the documented endpoint', () => {
    expect(bedrockConnectionSchema.validateEndpoint?.('https://bedrock-runtime.us-west-2.amazonaws.com/model/amazon.titan-embed-text-v1/invoke')).toBeUndefined();
  });
});

describe('bedrock connection schema (confluent-dialect §3.3)', () => {
  it('takes the AWS key pair (required together) and an optional session token, all secret', () => {
    expect(bedrockConnectionSchema.types).toEqual(['bedrock']);
    expect(bedrockConnectionSchema.secretKeys).toEqual(['aws-access-key', 'aws-secret-key', 'aws-session-token']);
    expect(bedrockConnectionSchema.requiredKeys).toEqual(['aws-access-key', 'aws-secret-key']);
    expect(bedrockConnectionSchema.optionalKeys.map((option) => option.key)).toEqual(['region']);
    expect(bedrockProvider.connectionTypes).toEqual(['bedrock']);
    expect(bedrockProvider.requiresConnection).toBe(true);
  });

  it('is registered by the plugin under provider:bedrock and needs the family formats', () => {
    expect(plugin.name).toBe('@lateral/provider-bedrock');
    expect(plugin.provides).toEqual(['provider:bedrock']);
    expect(plugin.dependencies).toContain('input-format:ANTHROPIC-MESSAGES');
    expect(plugin.dependencies).toContain('input-format:AMAZON-TITAN-EMBED');
  });
});

describe('bedrock model checks', () => {
  function model(connection: Partial<ResolvedConnection>, providerOptions: Record<string, string> = {}): ResolvedModel {
    return {
      name: 'm',
      version: 1,
      providerId: 'bedrock',
      task: 'text_generation',
      input: [],
      output: [],
      inputFormat: { id: 'AMAZON-TITAN-TEXT' },
      outputFormat: { id: 'AMAZON-TITAN-TEXT' },
      params: {},
      providerOptions,
      connection: {
        name: 'aws',
        type: 'bedrock',
        endpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-text-express-v1/invoke',
        options: {},
        secrets: { 'aws-access-key': 'AKIDEXAMPLE', 'aws-secret-key': 'secret-secret' },
        ...connection,
      },
    };
  }

  it('accepts an AWS host, or any host with a region', () => {
    expect(bedrockProvider.validateModel?.(model({}))).toEqual([]);
    expect(bedrockProvider.validateModel?.(model({ endpoint: 'http://127.0.0.1:1/model/amazon.titan-text-express-v1/invoke', options: { region: 'eu-west-1' } }))).toEqual([]);
  });

  it('needs a region when the host does not name one', () => {
    const [diagnostic] = bedrockProvider.validateModel?.(model({ endpoint: 'http://127.0.0.1:1/model/amazon.titan-text-express-v1/invoke' })) ?? [];
    expect(diagnostic).toMatchObject({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'region' });
  });

  it('refuses a region that contradicts the host', () => {
    const [diagnostic] = bedrockProvider.validateModel?.(model({ options: { region: 'eu-west-1' } })) ?? [];
    expect(diagnostic).toMatchObject({ code: 'LATERAL_ERR_OPTION_CONFLICT' });
    expect(diagnostic?.message).toContain("'us-east-1'");
  });

  it('wants the guardrail options together', () => {
    const [diagnostic] = bedrockProvider.validateModel?.(model({}, { guardrail_identifier: 'gr-1' })) ?? [];
    expect(diagnostic).toMatchObject({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'bedrock.guardrail_version' });
    expect(bedrockProvider.validateModel?.(model({}, { guardrail_identifier: 'gr-1', guardrail_version: 'DRAFT' }))).toEqual([]);
  });

  it('fails transport creation without a region, naming the option', () => {
    expect(() => bedrockProvider.createTransport(model({ endpoint: 'http://127.0.0.1:1/model/a.b/invoke' }), {})).toThrow(/connection option 'region'/);
  });

  it('fails transport creation without both keys, never printing the one given', () => {
    let message = '';
    try {
      bedrockProvider.createTransport(model({ secrets: { 'aws-access-key': 'AKIDONLYKEY123' } }), {});
    } catch (error) {
      message = (error as Error).message;
      expect((error as { code?: string }).code).toBe('LATERAL_ERR_PROVIDER_AUTH');
    }
    expect(message).toContain("'aws-secret-key'");
    expect(message).not.toContain('AKIDONLYKEY123');
  });
});
