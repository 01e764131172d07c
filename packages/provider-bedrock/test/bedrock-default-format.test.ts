import { describe, expect, it } from 'vitest';
import { baseModelId, bedrockFormatForModel, bedrockProvider } from '@lateral/provider-bedrock';

const AWS = 'https://bedrock-runtime.us-east-1.amazonaws.com';

describe('bedrock default input format (confluent-dialect §10)', () => {
  it.each([
    ['amazon.titan-embed-text-v1', 'AMAZON-TITAN-EMBED'],
    ['amazon.titan-embed-text-v2:0', 'AMAZON-TITAN-EMBED'],
    ['amazon.titan-embed-image-v1', 'AMAZON-TITAN-EMBED'],
    ['amazon.titan-text-express-v1', 'AMAZON-TITAN-TEXT'],
    ['amazon.titan-text-premier-v1:0', 'AMAZON-TITAN-TEXT'],
    ['amazon.nova-pro-v1:0', 'AMAZON-TITAN-TEXT'],
    ['ai21.j2-ultra-v1', 'AI-21-COMPLETE'],
    ['ai21.jamba-1-5-large-v1:0', 'AI-21-COMPLETE'],
    ['anthropic.claude-v2', 'ANTHROPIC-COMPLETIONS'],
    ['anthropic.claude-v2:1', 'ANTHROPIC-COMPLETIONS'],
    ['anthropic.claude-instant-v1', 'ANTHROPIC-COMPLETIONS'],
    ['anthropic.claude-3-haiku-20240307-v1:0', 'ANTHROPIC-MESSAGES'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'ANTHROPIC-MESSAGES'],
    ['cohere.embed-english-v3', 'COHERE-EMBED'],
    ['cohere.embed-multilingual-v3', 'COHERE-EMBED'],
    ['cohere.command-r-v1:0', 'COHERE-CHAT'],
    ['cohere.command-r-plus-v1:0', 'COHERE-CHAT'],
    ['cohere.command-text-v14', 'COHERE-GENERATE'],
    ['cohere.command-light-text-v14', 'COHERE-GENERATE'],
    ['meta.llama3-8b-instruct-v1:0', 'BEDROCK-LLAMA'],
    ['meta.llama3-1-70b-instruct-v1:0', 'BEDROCK-LLAMA'],
    ['mistral.mistral-7b-instruct-v0:2', 'MISTRAL-COMPLETIONS'],
    ['mistral.mixtral-8x7b-instruct-v0:1', 'MISTRAL-COMPLETIONS'],
    ['deepseek.r1-v1:0', 'AMAZON-TITAN-TEXT'],
    // Lateral extension: inference profiles and ARNs are reduced to their base model id
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'ANTHROPIC-MESSAGES'],
    ['eu.anthropic.claude-3-haiku-20240307-v1:0', 'ANTHROPIC-MESSAGES'],
    ['us.meta.llama3-2-11b-instruct-v1:0', 'BEDROCK-LLAMA'],
    ['apac.amazon.titan-embed-text-v2:0', 'AMAZON-TITAN-EMBED'],
    ['arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3', 'COHERE-EMBED'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0', 'ANTHROPIC-MESSAGES'],
    ['arn:aws:bedrock:us-east-1:123456789012:custom-model/meta.llama3-8b-instruct-v1:0/abc123', 'BEDROCK-LLAMA'],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4', 'AMAZON-TITAN-TEXT'],
  ])('%s → %s', (modelId, format) => {
    expect(bedrockFormatForModel(modelId)).toBe(format);
  });

  it('reads the model id from the endpoint path, raw or percent-encoded', () => {
    const context = (endpoint?: string) => ({ task: 'text_generation' as const, endpoint, providerOptions: {} });
    expect(bedrockProvider.defaultInputFormat(context(`${AWS}/model/anthropic.claude-3-haiku-20240307-v1:0/invoke`))).toBe('ANTHROPIC-MESSAGES');
    expect(bedrockProvider.defaultInputFormat(context(`${AWS}/model/cohere.embed-english-v3/invoke/`))).toBe('COHERE-EMBED');
    expect(bedrockProvider.defaultInputFormat(context(`http://127.0.0.1:9/model/meta.llama3-8b-instruct-v1%3A0/invoke`))).toBe('BEDROCK-LLAMA');
    expect(
      bedrockProvider.defaultInputFormat(context(`${AWS}/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.mistral.mistral-large-2402-v1%3A0/invoke`)),
    ).toBe('MISTRAL-COMPLETIONS');
  });

  it('falls back to AMAZON-TITAN-TEXT without a usable endpoint', () => {
    expect(bedrockProvider.defaultInputFormat({ task: 'text_generation', providerOptions: {} })).toBe('AMAZON-TITAN-TEXT');
    expect(bedrockProvider.defaultInputFormat({ task: 'embedding', endpoint: `${AWS}/`, providerOptions: {} })).toBe('AMAZON-TITAN-TEXT');
  });

  it('reduces ids to the base model id', () => {
    expect(baseModelId('us.anthropic.claude-3-haiku-20240307-v1:0')).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(baseModelId('us-gov.meta.llama3-8b-instruct-v1:0')).toBe('meta.llama3-8b-instruct-v1:0');
    expect(baseModelId('amazon.titan-text-express-v1')).toBe('amazon.titan-text-express-v1');
  });
});
