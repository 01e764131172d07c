import { describe, expect, it } from 'vitest';
import { normalizeVertexEndpoint, parseVertexEndpoint, regionFromHost, validateVertexEndpoint, vertexDefaultInputFormat } from '@lateral/provider-vertexai';

const HOST = 'https://us-central1-aiplatform.googleapis.com';
const PARENT = `${HOST}/v1/projects/p1/locations/us-central1`;
const GEMINI = `${PARENT}/publishers/google/models/gemini-2.5-flash`;
const CLAUDE = `${PARENT}/publishers/anthropic/models/claude-sonnet-4@20250514`;
const EMBED = `${PARENT}/publishers/google/models/text-embedding-005`;
const CUSTOM = `${PARENT}/endpoints/1234567890`;

describe('vertexai endpoint normalisation (confluent-dialect §10)', () => {
  it.each([
    // streaming verbs become their plain forms
    [`${GEMINI}:streamGenerateContent?alt=sse`, 'GEMINI-GENERATE', `${GEMINI}:generateContent`],
    [`${CLAUDE}:streamRawPredict`, 'ANTHROPIC-MESSAGES', `${CLAUDE}:rawPredict`],
    // explicit verbs on publisher models are kept
    [`${GEMINI}:generateContent`, 'GEMINI-GENERATE', `${GEMINI}:generateContent`],
    [`${CLAUDE}:rawPredict`, 'ANTHROPIC-MESSAGES', `${CLAUDE}:rawPredict`],
    [`${EMBED}:predict`, 'VERTEX-EMBED', `${EMBED}:predict`],
    // publisher models without a verb: rawPredict for anthropic, generateContent for others, predict for instances bodies
    [CLAUDE, 'ANTHROPIC-MESSAGES', `${CLAUDE}:rawPredict`],
    [GEMINI, 'GEMINI-GENERATE', `${GEMINI}:generateContent`],
    [`${PARENT}/publishers/meta/models/llama-4`, 'GEMINI-GENERATE', `${PARENT}/publishers/meta/models/llama-4:generateContent`],
    [EMBED, 'VERTEX-EMBED', `${EMBED}:predict`],
    // custom endpoints: predict for TF-SERVING-like bodies, rawPredict for any other body
    [CUSTOM, 'TF-SERVING', `${CUSTOM}:predict`],
    [`${CUSTOM}:predict`, 'TF-SERVING', `${CUSTOM}:predict`],
    [`${CUSTOM}:rawPredict`, 'TF-SERVING', `${CUSTOM}:predict`],
    [CUSTOM, 'VERTEXAI-PYTORCH', `${CUSTOM}:predict`],
    [`${CUSTOM}:predict`, 'JSON', `${CUSTOM}:rawPredict`],
    [CUSTOM, 'CSV', `${CUSTOM}:rawPredict`],
    [`${CUSTOM}:streamRawPredict`, 'JSON', `${CUSTOM}:rawPredict`],
    // other explicit verbs on custom endpoints are the user's choice (e.g. a tuned Gemini model)
    [`${CUSTOM}:generateContent`, 'GEMINI-GENERATE', `${CUSTOM}:generateContent`],
    // other shapes are used as they are; any host works
    [`${PARENT}/endpoints/openapi/chat/completions`, 'OPENAI-CHAT', `${PARENT}/endpoints/openapi/chat/completions`],
    ['http://127.0.0.1:4000/v1/projects/p/locations/l/endpoints/9', 'tf_serving', 'http://127.0.0.1:4000/v1/projects/p/locations/l/endpoints/9:predict'],
  ])('%s with %s → %s', (endpoint, format, expected) => {
    expect(normalizeVertexEndpoint(endpoint, format)).toBe(expected);
  });

  it('reads project, location, publisher, model and verb from the path', () => {
    expect(parseVertexEndpoint(`${CLAUDE}:rawPredict`)).toMatchObject({
      kind: 'publisher',
      project: 'p1',
      location: 'us-central1',
      publisher: 'anthropic',
      model: 'claude-sonnet-4@20250514',
      verb: 'rawPredict',
    });
    expect(parseVertexEndpoint(`${CUSTOM}:predict`)).toMatchObject({ kind: 'endpoint', endpointId: '1234567890', verb: 'predict' });
    expect(parseVertexEndpoint(`${HOST}/v1/models`).kind).toBe('other');
  });

  it('reads the region from regional hosts only', () => {
    expect(regionFromHost('europe-west4-aiplatform.googleapis.com')).toBe('europe-west4');
    expect(regionFromHost('aiplatform.googleapis.com')).toBeUndefined();
    expect(regionFromHost('127.0.0.1')).toBeUndefined();
  });
});

describe('vertexai default input format (confluent-dialect §5.5, §10)', () => {
  it.each([
    [`${CUSTOM}:predict`, 'regression', 'TF-SERVING'],
    [CUSTOM, 'classification', 'TF-SERVING'],
    [`${GEMINI}:generateContent`, 'text_generation', 'GEMINI-GENERATE'],
    [GEMINI, 'classification', 'GEMINI-GENERATE'],
    [`${CLAUDE}:rawPredict`, 'text_generation', 'ANTHROPIC-MESSAGES'],
    [`${EMBED}:predict`, 'embedding', 'VERTEX-EMBED'],
    [EMBED, 'embedding', 'VERTEX-EMBED'],
    [`${PARENT}/publishers/google/models/gemini-embedding-001:predict`, 'embedding', 'VERTEX-EMBED'],
    [`${PARENT}/publishers/meta/models/llama-4:rawPredict`, 'text_generation', 'TF-SERVING'],
    [`${PARENT}/endpoints/openapi/chat/completions`, 'text_generation', 'TF-SERVING'],
  ] as const)('%s (%s) → %s', (endpoint, task, expected) => {
    expect(vertexDefaultInputFormat({ endpoint, task, providerOptions: {} })).toBe(expected);
  });
});

describe('vertexai endpoint validation', () => {
  it('accepts Vertex paths on any http(s) host', () => {
    expect(validateVertexEndpoint(`${GEMINI}:generateContent`)).toBeUndefined();
    expect(validateVertexEndpoint(`${CUSTOM}:predict`)).toBeUndefined();
    expect(validateVertexEndpoint('https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash')).toBeUndefined();
    expect(validateVertexEndpoint('http://127.0.0.1:1234/v1/projects/p/locations/us-central1/endpoints/1')).toBeUndefined();
    expect(validateVertexEndpoint(`${PARENT}/endpoints/openapi/chat/completions`)).toBeUndefined();
  });

  it('rejects other paths, non-http URLs and a region that is not the path location', () => {
    expect(validateVertexEndpoint(`${HOST}/v1/models/gemini`)).toMatch(/must name …\/projects\/<project>\/locations\/<location>/);
    expect(validateVertexEndpoint('ftp://x/v1/projects/p/locations/l/endpoints/1')).toMatch(/http\(s\)/);
    expect(validateVertexEndpoint('nope')).toMatch(/not a valid URL/);
    expect(validateVertexEndpoint('https://europe-west4-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/endpoints/1')).toBe(
      "vertexai endpoint host is in region 'europe-west4' but its path names location 'us-central1'; they must match.",
    );
  });
});
