import { LateralError, ProviderCallError, classifyHttpFailure } from '@lateral/core';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleaiProvider } from '@lateral/provider-googleai';
import { resourceExhausted, startGoogleAIFake, type GoogleAIFake } from '../../../test/fakes/googleai-fake.js';
import { googleModel } from './googleai-test-model.js';

const KEY = 'AIzaSy-test-key-0123456789';
const GENERATE_BODY = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'I love this' }] }] });
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

let fake: GoogleAIFake;
const dispatcher = new Agent();

beforeAll(async () => {
  fake = await startGoogleAIFake({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
  await dispatcher.close();
});

function transportFor(apiKey: string, endpoint = fake.endpoint('gemini-2.5-flash')) {
  return googleaiProvider.createTransport(googleModel(endpoint, apiKey), { dispatcher });
}

function failureOf(response: { status: number; headers: Record<string, string>; body: Uint8Array }, secrets: string[]) {
  const bodyText = new TextDecoder().decode(response.body);
  return classifyHttpFailure({
    providerId: 'googleai',
    status: response.status,
    headers: response.headers,
    bodyText,
    info: googleaiProvider.describeError!(response.status, response.headers, bodyText),
    sensitive: secrets,
  });
}

describe('googleai transport', () => {
  it('sends the key in x-goog-api-key, never in the URL', async () => {
    const response = await transportFor(KEY).send({ body: GENERATE_BODY, headers: JSON_HEADERS });
    expect(response.status).toBe(200);
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.url).not.toContain(KEY);
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(new TextDecoder().decode(response.body));
    expect(body.candidates[0].content.parts[0].text).toBe('POSITIVE');
  });

  it('adds :generateContent to a model URL without a verb', async () => {
    await transportFor(KEY, `${fake.url}/v1beta/models/gemini-2.5-flash`).send({ body: GENERATE_BODY, headers: JSON_HEADERS });
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
  });

  it('a wrong key is a final 400 INVALID_ARGUMENT whose message does not carry the key', async () => {
    const wrong = 'AIzaSy-wrong-key-9876543210';
    const response = await transportFor(wrong).send({ body: GENERATE_BODY, headers: JSON_HEADERS });
    expect(response.status).toBe(400);
    const failure = failureOf(response, [wrong]);
    expect(failure).toMatchObject({ retryable: false, providerCode: 'INVALID_ARGUMENT' });
    expect(failure.message).toContain('API key not valid. Please pass a valid API key.');
    expect(failure.message).not.toContain(wrong);
    expect(failure.maskedBody).not.toContain(wrong);
  });

  it('a 429 RESOURCE_EXHAUSTED is retryable after the RetryInfo delay; 503 UNAVAILABLE is retryable', async () => {
    fake.queue.push(resourceExhausted(37), { status: 503, body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } } });
    const limited = failureOf(await transportFor(KEY).send({ body: GENERATE_BODY, headers: JSON_HEADERS }), [KEY]);
    expect(limited).toMatchObject({ status: 429, retryable: true, retryAfterMs: 37_000, providerCode: 'RESOURCE_EXHAUSTED' });
    const overloaded = failureOf(await transportFor(KEY).send({ body: GENERATE_BODY, headers: JSON_HEADERS }), [KEY]);
    expect(overloaded).toMatchObject({ status: 503, retryable: true, providerCode: 'UNAVAILABLE' });
  });

  it('the rate-limited fake answers 429 with RetryInfo once its bucket is empty', async () => {
    const limitedFake = await startGoogleAIFake({ apiKey: KEY, rateLimit: { requestsPerMinute: 2, now: () => 0 } });
    try {
      const transport = transportFor(KEY, limitedFake.endpoint('gemini-2.5-flash'));
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await transport.send({ body: GENERATE_BODY, headers: JSON_HEADERS }));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 429]);
      // 2 requests a minute: the next token comes 30 s later, which RetryInfo says
      expect(failureOf(responses[2]!, [KEY])).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
    } finally {
      await limitedFake.close();
    }
  });

  it('an unreachable endpoint is a retryable error naming only origin and path', async () => {
    const closed = await startGoogleAIFake({ apiKey: KEY });
    const endpoint = `${closed.endpoint('gemini-2.5-flash')}?key=${KEY}`;
    await closed.close();
    const error = await transportFor(KEY, endpoint)
      .send({ body: GENERATE_BODY, headers: JSON_HEADERS })
      .then(() => undefined, (e: unknown) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_UNREACHABLE', retryable: true });
    expect((error as Error).message).not.toContain(KEY);
  });

  it('refuses to build a transport without a connection or an api-key', () => {
    const model = googleModel(fake.endpoint('gemini-2.5-flash'), KEY);
    expect(() => googleaiProvider.createTransport({ ...model, connection: undefined }, {})).toThrow(LateralError);
    expect(() => googleaiProvider.createTransport({ ...model, connection: { ...model.connection!, secrets: {} } }, {})).toThrow(/no 'api-key'/);
  });
});
