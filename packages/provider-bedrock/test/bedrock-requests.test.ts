import { afterEach, describe, expect, it } from 'vitest';
import { createBedrockTransport } from '@lateral/provider-bedrock';
import { startBedrockFake, type BedrockFake, type BedrockFakeOptions } from '../../../test/fakes/bedrock-fake.js';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { FLOAT_ARRAY, bedrockModel, bedrockRegistry, column, invoke, type BedrockModelFixture } from './bedrock-test-kit.js';

const registry = bedrockRegistry();
let fake: BedrockFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(fixture: BedrockModelFixture, rows: unknown[][], options: BedrockFakeOptions = {}) {
  fake = await startBedrockFake(options);
  const model = bedrockModel(registry, fake, fixture);
  const result = await invoke(registry, model, rows);
  return { fake, model, result, request: fake.requests.at(-1)! };
}

describe('bedrock requests through the fake (SigV4 verified by an independent implementation)', () => {
  it('signs for service bedrock in the connection region, with host and x-amz-date signed', async () => {
    const { request, result } = await run({ modelId: 'amazon.titan-text-express-v1' }, [['I love this phone']]);
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/model/amazon.titan-text-express-v1/invoke');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLATERALBEDROCKFAKE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['user-agent']).toMatch(/^lateral\//);
  });

  it('adds and signs the session token of temporary credentials', async () => {
    const credentials = { accessKeyId: 'ASIATEMPORARYKEY', secretAccessKey: 'temporary-secret-key', sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' };
    const { request, result } = await run({ modelId: 'amazon.titan-text-express-v1' }, [['a terrible day']], { credentials });
    expect(result.decoded.rows).toEqual([['NEGATIVE']]);
    expect(request.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(request.headers.authorization).toContain('SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token,');
  });

  it('Titan Text: inputText and textGenerationConfig from params; usage from the body', async () => {
    const { request, result } = await run(
      { modelId: 'amazon.titan-text-premier-v1:0', params: { temperature: 0.2, max_tokens: 50 } },
      [['it was great']],
    );
    expect(request.url).toBe('/model/amazon.titan-text-premier-v1%3A0/invoke');
    expect(request.json).toEqual({ inputText: 'it was great', textGenerationConfig: { temperature: 0.2, maxTokenCount: 50 } });
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
    expect(result.decoded.usage).toEqual({ inputTokens: 3, outputTokens: 1 });
  });

  it('Titan Embeddings v2: one text per call, the vector decoded as ARRAY<FLOAT>', async () => {
    const { request, result } = await run(
      { modelId: 'amazon.titan-embed-text-v2:0', task: 'embedding', output: [column('embedding', FLOAT_ARRAY)] },
      [['hello world']],
    );
    expect(request.json).toEqual({ inputText: 'hello world' });
    expect(result.decoded.rows[0]![0]).toEqual(deterministicEmbedding('hello world', 1024));
    expect(result.response.headers['x-amzn-bedrock-input-token-count']).toBe('3');
  });

  it('Claude messages: anthropic_version in the body, default max_tokens, no model; the text block decoded', async () => {
    const { request, result } = await run({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', systemPrompt: 'Answer with one word.' }, [['I love it']]);
    expect(request.url).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(request.json).toMatchObject({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1024,
      system: 'Answer with one word.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'I love it' }] }],
    });
    expect(request.json).not.toHaveProperty('model');
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
    expect(result.decoded.usage?.outputTokens).toBe(1);
  });

  it('Claude through a cross-region inference profile id', async () => {
    const { request, result } = await run({ modelId: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0' }, [['bad service']]);
    expect(request.url).toBe('/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/invoke');
    expect(result.decoded.rows).toEqual([['NEGATIVE']]);
  });

  it('Claude through an inference-profile ARN: one path segment, `/` as %2F, signed double-encoded', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0';
    fake = await startBedrockFake();
    const model = bedrockModel(registry, fake, { modelId: arn, endpoint: `${fake.url}/model/${arn}/invoke` });
    expect(model.inputFormat.id).toBe('ANTHROPIC-MESSAGES');
    const result = await invoke(registry, model, [['so happy']]);
    expect(fake.requests[0]!.url).toBe(`/model/${encodeURIComponent(arn)}/invoke`);
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
  });

  it('legacy Claude v2 text completions: the Human/Assistant turns the service requires', async () => {
    const { request, result } = await run({ modelId: 'anthropic.claude-v2:1' }, [['love it']]);
    expect(request.json).toMatchObject({ prompt: '\n\nHuman: love it\n\nAssistant:', max_tokens_to_sample: 1024 });
    expect(result.decoded.rows).toEqual([[' POSITIVE']]);
  });

  it('Meta Llama: prompt and max_gen_len; generation decoded', async () => {
    const { request, result } = await run({ modelId: 'meta.llama3-8b-instruct-v1:0', params: { max_tokens: 64, temperature: 0.5 } }, [['awful weather']]);
    expect(request.json).toEqual({ prompt: 'awful weather', max_gen_len: 64, temperature: 0.5 });
    expect(result.decoded.rows).toEqual([['NEGATIVE']]);
  });

  it('Mistral completions: outputs[0].text decoded', async () => {
    const { request, result } = await run({ modelId: 'mistral.mistral-7b-instruct-v0:2', params: { max_tokens: 20 } }, [['a wonderful trip']]);
    expect(request.json).toEqual({ prompt: 'a wonderful trip', max_tokens: 20 });
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
  });

  it('Cohere Command R: message in, text out', async () => {
    const { request, result } = await run({ modelId: 'cohere.command-r-v1:0' }, [['the worst']]);
    expect(request.json).toMatchObject({ message: 'the worst' });
    expect(result.decoded.rows).toEqual([['NEGATIVE']]);
  });

  it('Cohere Command (generate): generations[0].text decoded', async () => {
    const { request, result } = await run({ modelId: 'cohere.command-text-v14' }, [['a good film']]);
    expect(request.json).toMatchObject({ prompt: 'a good film' });
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
  });

  it('AI21 Jurassic-2: completions[0].data.text decoded', async () => {
    const { request, result } = await run({ modelId: 'ai21.j2-ultra-v1', params: { max_tokens: 30 } }, [['nothing special']]);
    expect(request.json).toEqual({ prompt: 'nothing special', maxTokens: 30 });
    expect(result.decoded.rows).toEqual([['NEUTRAL']]);
  });

  it('Cohere Embed: several rows in one request, vectors mapped back to their rows', async () => {
    const { request, result } = await run(
      { modelId: 'cohere.embed-english-v3', task: 'embedding', output: [column('embedding', FLOAT_ARRAY)] },
      [['first'], ['second'], ['third']],
    );
    expect(request.json).toEqual({ texts: ['first', 'second', 'third'], input_type: 'search_document' });
    expect(result.decoded.rows.map((row) => row[0])).toEqual(['first', 'second', 'third'].map((text) => deterministicEmbedding(text, 1024)));
  });

  it('sends the guardrail options as signed X-Amzn-Bedrock-* headers', async () => {
    const { request } = await run(
      { modelId: 'amazon.titan-text-express-v1', providerOptions: { guardrail_identifier: 'gr-abc', guardrail_version: 'DRAFT', trace: 'enabled' } },
      [['hi']],
    );
    expect(request.headers['x-amzn-bedrock-guardrailidentifier']).toBe('gr-abc');
    expect(request.headers['x-amzn-bedrock-guardrailversion']).toBe('DRAFT');
    expect(request.headers['x-amzn-bedrock-trace']).toBe('ENABLED');
    expect(request.headers.authorization).toContain(
      'SignedHeaders=accept;content-type;host;x-amz-date;x-amzn-bedrock-guardrailidentifier;x-amzn-bedrock-guardrailversion;x-amzn-bedrock-trace,',
    );
  });
});

describe('the bedrock fake refuses what Bedrock refuses', () => {
  it('more than 96 Cohere texts: 400 ValidationException', async () => {
    fake = await startBedrockFake();
    const model = bedrockModel(registry, fake, { modelId: 'cohere.embed-english-v3', task: 'embedding', output: [column('e', FLOAT_ARRAY)] });
    const transport = createBedrockTransport(model, {});
    const texts = Array.from({ length: 97 }, (_, index) => `t${index}`);
    const response = await transport.send({
      body: JSON.stringify({ texts, input_type: 'search_document' }),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toMatch(/^ValidationException/);
    expect(JSON.parse(new TextDecoder().decode(response.body)).message).toContain('expected maxItems: 96, actual: 97');
  });

  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', { messages: [{ role: 'user', content: 'x' }], anthropic_version: 'bedrock-2023-05-31' }, 'required key [max_tokens] not found'],
    ['anthropic.claude-3-haiku-20240307-v1:0', { model: 'claude', max_tokens: 5, messages: [{ role: 'user', content: 'x' }], anthropic_version: 'bedrock-2023-05-31' }, 'extraneous key [model]'],
    ['anthropic.claude-3-haiku-20240307-v1:0', { max_tokens: 5, messages: [{ role: 'user', content: 'x' }], anthropic_version: '2023-06-01' }, 'invalid anthropic_version'],
    ['amazon.titan-embed-text-v2:0', { inputText: '' }, 'expected minLength: 1'],
    ['meta.llama3-8b-instruct-v1:0', { prompt: 'x', top_k: 3 }, 'extraneous key [top_k]'],
    ['mistral.mistral-7b-instruct-v0:2', { inputText: 'x' }, 'required key [prompt] not found'],
    ['amazon.unknown-model-v9', { inputText: 'x' }, 'The provided model identifier is invalid.'],
  ])('%s %j → 400', async (modelId, body, message) => {
    fake = await startBedrockFake();
    const model = bedrockModel(registry, fake, { modelId, inputFormat: 'AMAZON-TITAN-TEXT' });
    const response = await createBedrockTransport(model, {}).send({
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(new TextDecoder().decode(response.body)).toContain(message);
  });
});
