import { describe, expect, it } from 'vitest';
import { googleAIDefaultInputFormat, googleAIRequestUrl, parseGoogleAIEndpoint, validateGoogleAIEndpoint } from '@lateral/provider-googleai';

const BASE = 'https://generativelanguage.googleapis.com/v1beta';

describe('googleai endpoint', () => {
  it.each([
    // [endpoint, operation, expected URL]
    [`${BASE}/models/gemini-2.5-flash:generateContent`, undefined, `${BASE}/models/gemini-2.5-flash:generateContent`],
    [`${BASE}/models/gemini-2.5-flash`, undefined, `${BASE}/models/gemini-2.5-flash:generateContent`],
    [`${BASE}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, undefined, `${BASE}/models/gemini-2.5-flash:generateContent`],
    [`${BASE}/models/gemini-embedding-001:embedContent`, 'batchEmbedContents', `${BASE}/models/gemini-embedding-001:batchEmbedContents`],
    [`${BASE}/models/gemini-embedding-001:batchEmbedContents`, 'batchEmbedContents', `${BASE}/models/gemini-embedding-001:batchEmbedContents`],
    [`${BASE}/models/gemini-embedding-001`, 'batchEmbedContents', `${BASE}/models/gemini-embedding-001:batchEmbedContents`],
    [`${BASE}/tunedModels/my-tuned-1:generateContent`, undefined, `${BASE}/tunedModels/my-tuned-1:generateContent`],
    ['http://127.0.0.1:8080/v1beta/models/m:generateContent', undefined, 'http://127.0.0.1:8080/v1beta/models/m:generateContent'],
    [`${BASE}/openai/chat/completions`, undefined, `${BASE}/openai/chat/completions`],
  ])('%s with operation %s → %s', (endpoint, operation, expected) => {
    expect(googleAIRequestUrl(endpoint, operation)).toBe(expected);
  });

  it('reads the model resource from the path', () => {
    expect(parseGoogleAIEndpoint(`${BASE}/models/gemini-embedding-001:embedContent`)).toMatchObject({
      resource: 'models/gemini-embedding-001',
      verb: 'embedContent',
    });
    expect(parseGoogleAIEndpoint(`${BASE}/openai/chat/completions`).resource).toBeUndefined();
  });

  it.each([
    [`${BASE}/models/gemini-2.5-flash:generateContent`, 'text_generation', 'GEMINI-GENERATE'],
    [`${BASE}/models/gemini-pro`, 'classification', 'GEMINI-GENERATE'],
    [`${BASE}/models/gemini-embedding-001:embedContent`, 'embedding', 'GEMINI-EMBED'],
    [`${BASE}/models/text-embedding-004:batchEmbedContents`, 'embedding', 'GEMINI-EMBED'],
    [`${BASE}/models/gemini-embedding-001:generateContent`, 'embedding', 'GEMINI-GENERATE'],
  ] as const)('default input format of %s (%s) is %s', (endpoint, task, expected) => {
    expect(googleAIDefaultInputFormat({ endpoint, task, providerOptions: {} })).toBe(expected);
  });

  it('accepts model URLs on any http(s) host and rejects the rest with an example', () => {
    expect(validateGoogleAIEndpoint(`${BASE}/models/gemini-2.5-flash:generateContent`)).toBeUndefined();
    expect(validateGoogleAIEndpoint('http://127.0.0.1:9999/v1beta/models/gemini-2.5-flash')).toBeUndefined();
    expect(validateGoogleAIEndpoint(`${BASE}/openai/chat/completions`)).toBeUndefined();
    expect(validateGoogleAIEndpoint('https://generativelanguage.googleapis.com/v1beta')).toMatch(/must name a model.*models\/gemini-2\.5-flash/);
    expect(validateGoogleAIEndpoint('ftp://example.com/v1beta/models/x')).toMatch(/http\(s\)/);
    expect(validateGoogleAIEndpoint('not a url')).toMatch(/not a valid URL/);
  });
});
