import { createPrivateKey } from 'node:crypto';
import { ProviderCallError } from '@lateral/core';
import { decodeJwt, decodeProtectedHeader, importPKCS8, SignJWT } from 'jose';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_PLATFORM_SCOPE, parseServiceAccountKey, ServiceAccountTokenSource, vertexaiProvider, type ServiceAccountKey } from '@lateral/provider-vertexai';
import { createServiceAccount, serviceKeyJson, startGoogleOAuthFake, type GoogleOAuthFake } from '../../../test/fakes/google-oauth-fake.js';
import { startVertexAIFake, type VertexAIFake } from '../../../test/fakes/vertexai-fake.js';
import { vertexModel } from './vertexai-test-model.js';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
let clock = START;
const now = () => clock;
const dispatcher = new Agent();
let oauth: GoogleOAuthFake;

function keyOf(json: string): ServiceAccountKey {
  const parsed = parseServiceAccountKey(json);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.key;
}

function tokenSource(json = oauth.oauth.serviceKey()): ServiceAccountTokenSource {
  return new ServiceAccountTokenSource({ providerId: 'vertexai', key: keyOf(json), dispatcher, now, secrets: [json] });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(ProviderCallError.isInstance(error)).toBe(true);
  return error as ProviderCallError;
}

beforeAll(async () => {
  oauth = await startGoogleOAuthFake({ now });
});
afterEach(() => {
  clock = START;
  oauth.oauth.tokenRequests = 0;
  oauth.requests.length = 0;
});
afterAll(async () => {
  await oauth.close();
  await dispatcher.close();
});

describe('service-account access tokens', () => {
  it('POSTs a form-encoded JWT-bearer grant whose RS256 assertion the token endpoint verifies', async () => {
    const { token, fresh } = await tokenSource().getToken();
    expect(token).toMatch(/^ya29\.fake-/);
    expect(fresh).toBe(true);
    expect(oauth.oauth.isValidToken(token)).toBe(true);
    const request = oauth.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request.body.toString('utf8'));
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = form.get('assertion')!;
    const account = oauth.oauth.account;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: account.privateKeyId });
    expect(decodeJwt(assertion)).toEqual({
      iss: account.clientEmail,
      scope: CLOUD_PLATFORM_SCOPE,
      aud: oauth.oauth.tokenUri,
      iat: START / 1000,
      exp: START / 1000 + 3600,
    });
  });

  it('reuses the token until five minutes before it expires, then fetches a new one', async () => {
    const source = tokenSource();
    const first = await source.getToken();
    clock = START + 3000 * 1000;
    const cached = await source.getToken();
    expect(cached).toEqual({ token: first.token, fresh: false });
    expect(oauth.oauth.tokenRequests).toBe(1);
    // expires_in is 3599 s: the refresh threshold is 3599 - 300 = 3299 s after the request
    clock = START + 3300 * 1000;
    const refreshed = await source.getToken();
    expect(refreshed.token).not.toBe(first.token);
    expect(refreshed.fresh).toBe(true);
    expect(oauth.oauth.tokenRequests).toBe(2);
    expect(decodeJwt(new URLSearchParams(oauth.requests[1]!.body.toString('utf8')).get('assertion')!).iat).toBe(START / 1000 + 3300);
  });

  it('refreshes short-lived tokens after three quarters of their life', async () => {
    const short = await startGoogleOAuthFake({ now, expiresIn: 60 });
    try {
      const source = tokenSource(short.oauth.serviceKey());
      await source.getToken();
      clock = START + 44_000;
      expect((await source.getToken()).fresh).toBe(false);
      clock = START + 45_000;
      expect((await source.getToken()).fresh).toBe(true);
      expect(short.oauth.tokenRequests).toBe(2);
    } finally {
      await short.close();
    }
  });

  it('signs with a PKCS#1 PEM of the same key as well', async () => {
    const pkcs1 = createPrivateKey(oauth.oauth.account.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    const { token } = await tokenSource(oauth.oauth.serviceKey({ private_key: pkcs1 })).getToken();
    expect(oauth.oauth.isValidToken(token)).toBe(true);
  });

  it('concurrent callers share one token request', async () => {
    const source = tokenSource();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.getToken()));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(oauth.oauth.tokenRequests).toBe(1);
  });

  it('a key signed by another private key is refused: LATERAL_ERR_PROVIDER_AUTH, final, without the key or the assertion', async () => {
    const impostor = createServiceAccount(oauth.oauth.account.clientEmail);
    const json = serviceKeyJson({ ...impostor, privateKeyId: oauth.oauth.account.privateKeyId }, oauth.oauth.tokenUri);
    const error = await failureOf(tokenSource(json).getToken());
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_AUTH', retryable: false, status: 400, providerCode: 'invalid_grant' });
    expect(error.message).toBe(
      `vertexai: the token endpoint ${oauth.oauth.tokenUri} refused the service key of ${impostor.clientEmail} (400 invalid_grant): Invalid JWT Signature.`,
    );
    const assertion = new URLSearchParams(oauth.requests.at(-1)!.body.toString('utf8')).get('assertion')!;
    const privateKeyBody = impostor.privateKeyPem.split('\n')[1]!;
    for (const secret of [assertion, privateKeyBody, json]) expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret);
  });

  it('masks secrets the token endpoint echoes back', async () => {
    const json = oauth.oauth.serviceKey();
    const source = tokenSource(json);
    oauth.queue.push({ status: 400, body: { error: 'invalid_grant', error_description: `bad key ${keyOf(json).privateKey}` } });
    const error = await failureOf(source.getToken());
    expect(error.message).toContain('bad key *****');
    expect(error.message).not.toContain('PRIVATE KEY');
  });

  it('a token endpoint that is down is a retryable auth failure, and the next call tries again', async () => {
    const source = tokenSource();
    oauth.queue.push({ status: 503, body: { error: 'temporarily_unavailable', error_description: 'Try later.' } });
    const error = await failureOf(source.getToken());
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_AUTH', retryable: true, status: 503 });
    expect((await source.getToken()).token).toMatch(/^ya29\./);
    // the queued 503 never reached the token handler's counter; the server saw both requests
    expect(oauth.requests).toHaveLength(2);
  });

  it('an unreachable token endpoint is a retryable auth failure naming only origin and path', async () => {
    const gone = await startGoogleOAuthFake({ now });
    const json = gone.oauth.serviceKey();
    await gone.close();
    const error = await failureOf(tokenSource(json).getToken());
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_AUTH', retryable: true });
    expect(error.message).toMatch(/^vertexai: cannot obtain an access token for .*: cannot reach http:\/\/127\.0\.0\.1:\d+\/token/);
  });

  it('a caller that aborts stops waiting without failing the shared request', async () => {
    const source = tokenSource();
    const controller = new AbortController();
    const waiting = source.getToken(controller.signal);
    const other = source.getToken();
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect((await other).token).toMatch(/^ya29\./);
    expect(oauth.oauth.tokenRequests).toBe(1);
  });
});

describe('the token endpoint fake', () => {
  async function exchange(claims: { aud?: string; scope?: string; lifetime?: number; iat?: number }): Promise<{ status: number; body: unknown }> {
    const account = oauth.oauth.account;
    const iat = claims.iat ?? clock / 1000;
    const assertion = await new SignJWT({ scope: claims.scope ?? CLOUD_PLATFORM_SCOPE })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(account.clientEmail)
      .setAudience(claims.aud ?? oauth.oauth.tokenUri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (claims.lifetime ?? 3600))
      .sign(await importPKCS8(account.privateKeyPem, 'RS256'));
    const response = await fetch(oauth.oauth.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    return { status: response.status, body: await response.json() };
  }

  it('issues a token for a well-formed assertion (gtoken style: alg only)', async () => {
    expect(await exchange({})).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
  });

  it.each([
    [{ aud: 'https://oauth2.googleapis.com/token' }, 'invalid_grant', /Failed audience check/],
    [{ scope: 'https://www.googleapis.com/auth/devstorage.read_only' }, 'invalid_scope', /Invalid OAuth scope/],
    [{ lifetime: 7200 }, 'invalid_grant', /short-lived token/],
    [{ iat: START / 1000 - 7200 }, 'invalid_grant', /short-lived token/],
    [{ iat: START / 1000 + 600 }, 'invalid_grant', /short-lived token/],
  ])('refuses %o with %s', async (claims, error, description) => {
    const { status, body } = await exchange(claims);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error, error_description: expect.stringMatching(description) });
  });
});

describe('vertexai transport authentication', () => {
  let vertex: VertexAIFake;
  beforeAll(async () => {
    vertex = await startVertexAIFake({ oauth: oauth.oauth });
  });
  afterAll(async () => {
    await vertex.close();
  });

  const body = JSON.stringify({ instances: [{ age: 30, income: 1000 }] });
  const headers = { 'content-type': 'application/json', accept: 'application/json' };

  it('sends Authorization: Bearer with a token fetched once for many requests', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42:predict'), oauth.oauth.serviceKey());
    const transport = vertexaiProvider.createTransport(model, { dispatcher, now });
    const responses = await Promise.all([1, 2, 3].map(() => transport.send({ body, headers })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(oauth.oauth.tokenRequests).toBe(1);
    const authorizations = new Set(vertex.requests.slice(-3).map((r) => r.headers.authorization));
    expect(authorizations.size).toBe(1);
    expect([...authorizations][0]).toMatch(/^Bearer ya29\.fake-/);
  });

  it('refreshes the token on the clock given as TransportDependencies.now', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42:predict'), oauth.oauth.serviceKey());
    const transport = vertexaiProvider.createTransport(model, { dispatcher, now });
    await transport.send({ body, headers });
    await transport.send({ body, headers });
    expect(oauth.oauth.tokenRequests).toBe(1);
    clock = START + 3599 * 1000;
    expect((await transport.send({ body, headers })).status).toBe(200);
    expect(oauth.oauth.tokenRequests).toBe(2);
    const [older, newer] = vertex.requests.slice(-2).map((r) => r.headers.authorization);
    expect(newer).not.toBe(older);
  });

  it('a revoked cached token is dropped and the request sent once more with a new one', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42:predict'), oauth.oauth.serviceKey());
    const transport = vertexaiProvider.createTransport(model, { dispatcher, now });
    expect((await transport.send({ body, headers })).status).toBe(200);
    oauth.oauth.revokeAll();
    const sent = vertex.requests.length;
    expect((await transport.send({ body, headers })).status).toBe(200);
    expect(vertex.requests.length - sent).toBe(2);
    expect(oauth.oauth.tokenRequests).toBe(2);
  });

  it('a 401 on a fresh token is the answer: no second attempt', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42:predict'), oauth.oauth.serviceKey());
    const transport = vertexaiProvider.createTransport(model, { dispatcher, now });
    vertex.queue.push({ status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } });
    const sent = vertex.requests.length;
    expect((await transport.send({ body, headers })).status).toBe(401);
    expect(vertex.requests.length - sent).toBe(1);
  });

  it('the Vertex fake refuses requests without a token it issued', async () => {
    const response = await fetch(vertex.endpoint('endpoints/42:predict'), { method: 'POST', body, headers: { ...headers, authorization: 'Bearer ya29.forged' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});
