import { describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { isChatEndpoint, isEmbeddingsEndpoint, openAICompatibleDefaultInputFormat, openAICompatibleFormatMismatch } from '@lateral/provider-utils';
import { resolvedModel } from '../../../test/providers/provider-test-kit.js';

const CHAT = 'https://api.example.test/v1/chat/completions';
const EMBED = 'https://api.example.test/v1/embeddings';

function model(endpoint: string | undefined, inputFormat: string): ResolvedModel {
  const connection = { name: 'c', type: 'someai', endpoint: endpoint ?? '', options: {}, secrets: {} };
  return { ...resolvedModel({ providerId: 'someai', inputFormat, connection }), connection: endpoint === undefined ? undefined : connection };
}

describe('openAICompatibleDefaultInputFormat', () => {
  it('picks OPENAI-EMBED from the path only, OPENAI-CHAT otherwise', () => {
    const format = (endpoint?: string) => openAICompatibleDefaultInputFormat({ task: 'text_generation', endpoint, providerOptions: {} });
    expect(format(EMBED)).toBe('OPENAI-EMBED');
    expect(format(`${EMBED}/`)).toBe('OPENAI-EMBED');
    expect(format(`${CHAT}?next=/embeddings`)).toBe('OPENAI-CHAT');
    expect(format(undefined)).toBe('OPENAI-CHAT');
  });

  it('tells chat and embeddings endpoints apart, trailing slashes ignored', () => {
    expect(isChatEndpoint(`${CHAT}//`)).toBe(true);
    expect(isChatEndpoint(EMBED)).toBe(false);
    expect(isEmbeddingsEndpoint('/openai/deployments/d/embeddings')).toBe(true);
    expect(isEmbeddingsEndpoint(undefined)).toBe(false);
  });
});

describe('openAICompatibleFormatMismatch', () => {
  it('flags a chat format on an embeddings endpoint, with the fix when asked', () => {
    const [bare] = openAICompatibleFormatMismatch('someai', model(EMBED, 'openai_chat'));
    expect(bare).toEqual({
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      option: 'someai.input_format',
      message: `Input format openai_chat needs a chat completions endpoint, but the connection endpoint ${EMBED} serves embeddings.`,
    });
    const [withFix] = openAICompatibleFormatMismatch('someai', model(EMBED, 'MISTRAL-CHAT'), { suggestFix: true });
    expect(withFix?.message).toMatch(/serves embeddings\. Use 'someai\.input_format' = 'OPENAI-EMBED' or a connection to \/chat\/completions\.$/);
  });

  it('flags an embeddings format on a chat endpoint', () => {
    const [bare] = openAICompatibleFormatMismatch('someai', model(CHAT, 'AZURE-EMBED'));
    expect(bare?.message).toMatch(/needs an embeddings endpoint, .* serves chat completions\.$/);
    const [withFix] = openAICompatibleFormatMismatch('someai', model(CHAT, 'OPENAI-EMBED'), { suggestFix: true });
    expect(withFix?.message).toMatch(/serves chat completions\. Use a connection to \/embeddings\.$/);
  });

  it('says nothing when the format fits, or when there is no connection', () => {
    expect(openAICompatibleFormatMismatch('someai', model(CHAT, 'OPENAI-CHAT'))).toEqual([]);
    expect(openAICompatibleFormatMismatch('someai', model(EMBED, 'OPENAI-EMBED'))).toEqual([]);
    expect(openAICompatibleFormatMismatch('someai', model('https://api.example.test/score', 'OPENAI-EMBED'))).toEqual([]);
    expect(openAICompatibleFormatMismatch('someai', model(undefined, 'OPENAI-CHAT'))).toEqual([]);
  });
});
