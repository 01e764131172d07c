import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { createBedrockTransport, signAwsRequest, type AwsSigningInput } from '@lateral/provider-bedrock';
import { computeSignature, deriveSigningKey, sha256Hex, type SignedRequest } from '../../../test/fakes/aws-sigv4-verify.js';

/**
 * The official SigV4 test vectors (provider-protocols §6.2) and the project's Bedrock vectors
 * (§6.3, cross-checked with botocore), reproduced twice: by the provider's signer
 * (`@smithy/signature-v4`) and by the fakes' independent node:crypto verifier.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const AMZ_DATE = '20150830T123600Z';
const SIGNING_DATE = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));
const HOST = 'example.amazonaws.com';

function signatureOf(authorization: string | undefined): string | undefined {
  return /Signature=([0-9a-f]{64})$/.exec(authorization ?? '')?.[1];
}

function signedHeadersOf(authorization: string | undefined): string[] {
  return /SignedHeaders=([^,]+),/.exec(authorization ?? '')?.[1]?.split(';') ?? [];
}

interface OfficialVector {
  name: string;
  method: 'GET' | 'POST';
  /** Path as given to the signer (and on the request line of the suite's .req file). */
  path: string;
  query?: Record<string, string>;
  rawQuery?: string;
  headers?: Record<string, string>;
  body?: string;
  sessionToken?: string;
  applyChecksum?: boolean;
  signature: string;
}

const OFFICIAL: OfficialVector[] = [
  { name: 'get-vanilla', method: 'GET', path: '/', signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  {
    name: 'get-vanilla-with-session-token',
    method: 'GET',
    path: '/',
    sessionToken: '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267',
    signature: '07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    method: 'GET',
    path: '/',
    query: { Param2: 'value2', Param1: 'value1' },
    rawQuery: 'Param2=value2&Param1=value1',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  { name: 'post-vanilla', method: 'POST', path: '/', body: '', signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
  {
    name: 'post-x-www-form-urlencoded (classic suite)',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'Param1=value1',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded (aws-c-auth: content-length and x-amz-content-sha256 signed)',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '13' },
    body: 'Param1=value1',
    applyChecksum: true,
    signature: 'd3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b',
  },
  {
    name: 'get-header-value-trim',
    method: 'GET',
    path: '/',
    headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  { name: 'get-utf8', method: 'GET', path: '/ሴ', signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85' },
  {
    name: 'get-unreserved',
    method: 'GET',
    path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
  },
];

function signerInput(vector: OfficialVector): AwsSigningInput {
  return {
    method: vector.method,
    host: HOST,
    path: vector.path,
    query: vector.query,
    headers: { ...vector.headers, 'x-amz-date': AMZ_DATE },
    body: vector.body,
    credentials: vector.sessionToken ? { ...CREDENTIALS, sessionToken: vector.sessionToken } : CREDENTIALS,
    region: 'us-east-1',
    service: 'service',
    signingDate: SIGNING_DATE,
    applyChecksum: vector.applyChecksum ?? false,
  };
}

describe('SigV4 official test vectors (§6.2)', () => {
  it('derives the documented signing key', () => {
    expect(deriveSigningKey(CREDENTIALS.secretAccessKey, '20150830', 'us-east-1', 'service').toString('hex')).toBe(
      '938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75',
    );
  });

  it.each(OFFICIAL)('provider signer: $name', async (vector) => {
    const headers = await signAwsRequest(signerInput(vector));
    expect(signatureOf(headers.authorization)).toBe(vector.signature);
    expect(headers.authorization).toContain('Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=');
  });

  it.each(OFFICIAL)('fake verifier: $name', async (vector) => {
    // the verifier reads what arrived: lower-cased header names, the signer's header set
    const sent = await signAwsRequest(signerInput(vector));
    const request: SignedRequest = {
      method: vector.method,
      rawUrl: vector.rawQuery ? `${vector.path}?${vector.rawQuery}` : vector.path,
      headers: sent,
      body: new TextEncoder().encode(vector.body ?? ''),
    };
    const computed = computeSignature(request, {
      secretAccessKey: CREDENTIALS.secretAccessKey,
      amzDate: AMZ_DATE,
      region: 'us-east-1',
      service: 'service',
      signedHeaders: signedHeadersOf(sent.authorization),
    });
    expect(computed.signature).toBe(vector.signature);
  });

  it('get-vanilla: the canonical request and string to sign are exactly the documented ones', () => {
    const computed = computeSignature(
      { method: 'GET', rawUrl: '/', headers: { host: HOST, 'x-amz-date': AMZ_DATE }, body: new Uint8Array() },
      { secretAccessKey: CREDENTIALS.secretAccessKey, amzDate: AMZ_DATE, region: 'us-east-1', service: 'service', signedHeaders: ['host', 'x-amz-date'] },
    );
    expect(computed.canonicalRequest).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(computed.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
  });

  it('a wrong secret gives a different signature (the vectors can fail)', async () => {
    const headers = await signAwsRequest({ ...signerInput(OFFICIAL[0]!), credentials: { ...CREDENTIALS, secretAccessKey: 'not-the-secret' } });
    expect(signatureOf(headers.authorization)).not.toBe(OFFICIAL[0]!.signature);
  });
});

const CLAUDE_BODY = '{"anthropic_version":"bedrock-2023-05-31","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}';
const TITAN_BODY = '{"inputText":"hello world"}';
const SESSION_TOKEN = 'EXAMPLE-SESSION-TOKEN';

function bedrockModel(endpoint: string, secrets: Record<string, string>): ResolvedModel {
  return {
    name: 'vector',
    version: 1,
    providerId: 'bedrock',
    task: 'text_generation',
    input: [],
    output: [],
    inputFormat: { id: 'ANTHROPIC-MESSAGES' },
    outputFormat: { id: 'ANTHROPIC-MESSAGES' },
    params: {},
    providerOptions: {},
    connection: { name: 'aws', type: 'bedrock', endpoint, options: {}, secrets },
  };
}

interface Captured {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A dispatcher that answers in-process: nothing leaves the machine, the request is captured. */
function capturingAgent(origin: string): { agent: MockAgent; captured: Captured[] } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const captured: Captured[] = [];
  agent
    .get(origin)
    .intercept({ path: () => true, method: 'POST' })
    .reply(200, (options) => {
      captured.push({ path: options.path, headers: options.headers as Record<string, string>, body: String(options.body) });
      return { ok: true };
    })
    .persist();
  return { agent, captured };
}

describe('project Bedrock vectors through the transport (§6.3)', () => {
  let agent: MockAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  async function send(endpoint: string, secrets: Record<string, string>, body: string): Promise<Captured> {
    const mock = capturingAgent('https://bedrock-runtime.us-east-1.amazonaws.com');
    agent = mock.agent;
    const transport = createBedrockTransport(bedrockModel(endpoint, secrets), { dispatcher: mock.agent, now: () => SIGNING_DATE.getTime() });
    const response = await transport.send({ body, headers: { 'content-type': 'application/json', accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(mock.captured).toHaveLength(1);
    return mock.captured[0]!;
  }

  it('(a) Claude with a session token: raw `:` in the endpoint, %3A on the wire, bf1d6c2f… signature', async () => {
    const sent = await send(
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke',
      { 'aws-access-key': CREDENTIALS.accessKeyId, 'aws-secret-key': CREDENTIALS.secretAccessKey, 'aws-session-token': SESSION_TOKEN },
      CLAUDE_BODY,
    );
    expect(sent.path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(sent.body).toBe(CLAUDE_BODY);
    expect(sha256Hex(sent.body)).toBe('c27c7b8cc50aa532e7f76c05e878607ce1a40437e5970b1ec1d75b972525bfa6');
    expect(sent.headers['x-amz-date']).toBe(AMZ_DATE);
    expect(sent.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
    expect(sent.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/bedrock/aws4_request, ' +
        'SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, ' +
        'Signature=bf1d6c2f3685254e970844c0317127ca55d9ca1f4615e9aac44b2c2e82d16e31',
    );
  });

  it('(a) the same request from an endpoint that is already percent-encoded, with a trailing slash', async () => {
    const sent = await send(
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke/',
      { 'aws-access-key': CREDENTIALS.accessKeyId, 'aws-secret-key': CREDENTIALS.secretAccessKey, 'aws-session-token': SESSION_TOKEN },
      CLAUDE_BODY,
    );
    expect(sent.path).toBe('/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke');
    expect(signatureOf(sent.headers.authorization)).toBe('bf1d6c2f3685254e970844c0317127ca55d9ca1f4615e9aac44b2c2e82d16e31');
  });

  it('(a) canonical request of the fake verifier has %253A and the documented hashes', () => {
    const computed = computeSignature(
      {
        method: 'POST',
        rawUrl: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          host: 'bedrock-runtime.us-east-1.amazonaws.com',
          'x-amz-date': AMZ_DATE,
          'x-amz-security-token': SESSION_TOKEN,
        },
        body: new TextEncoder().encode(CLAUDE_BODY),
      },
      {
        secretAccessKey: CREDENTIALS.secretAccessKey,
        amzDate: AMZ_DATE,
        region: 'us-east-1',
        service: 'bedrock',
        signedHeaders: ['accept', 'content-type', 'host', 'x-amz-date', 'x-amz-security-token'],
      },
    );
    expect(computed.canonicalRequest.split('\n')[1]).toBe('/model/anthropic.claude-3-haiku-20240307-v1%253A0/invoke');
    expect(sha256Hex(computed.canonicalRequest)).toBe('4d22ab45689c17be6494c8ceae60242e76e684c14796312dc686118f6ed7cbef');
    expect(deriveSigningKey(CREDENTIALS.secretAccessKey, '20150830', 'us-east-1', 'bedrock').toString('hex')).toBe(
      '90e694a0eeb93605dc6a1e798b98fe0e790776a911d2494317b06246c599ba53',
    );
    expect(computed.signature).toBe('bf1d6c2f3685254e970844c0317127ca55d9ca1f4615e9aac44b2c2e82d16e31');
  });

  it('(b) no session token, x-amz-content-sha256 signed (the JavaScript SDK style)', async () => {
    const headers = await signAwsRequest({
      method: 'POST',
      host: 'bedrock-runtime.us-east-1.amazonaws.com',
      path: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: CLAUDE_BODY,
      credentials: CREDENTIALS,
      region: 'us-east-1',
      service: 'bedrock',
      signingDate: SIGNING_DATE,
      applyChecksum: true,
    });
    expect(headers['x-amz-content-sha256']).toBe('c27c7b8cc50aa532e7f76c05e878607ce1a40437e5970b1ec1d75b972525bfa6');
    expect(signedHeadersOf(headers.authorization)).toEqual(['accept', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date']);
    expect(signatureOf(headers.authorization)).toBe('b18c2a0d7eba19a8cd6d6ed5bc247b32a8a95941a56d94e431f32dfef0a2bb15');
  });

  it('(c) Titan embeddings v2 with the session token', async () => {
    const sent = await send(
      'https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke',
      { 'aws-access-key': CREDENTIALS.accessKeyId, 'aws-secret-key': CREDENTIALS.secretAccessKey, 'aws-session-token': SESSION_TOKEN },
      TITAN_BODY,
    );
    expect(sent.path).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
    expect(sha256Hex(sent.body)).toBe('38e7eefe02fed2bc8685629227c0a0ad7ee56a58c98ffd69fa274af4afafa496');
    expect(signatureOf(sent.headers.authorization)).toBe('7558efc242d045de26da2e6723707b2d695d7156f1a52c50b55477898179666f');
  });
});
