import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedModel } from '@lateral/core';
import { createSageMakerTransport } from '@lateral/provider-sagemaker';
import { computeSignature, deriveSigningKey, sha256Hex } from '../../../test/fakes/aws-sigv4-verify.js';

/** Project vector (d) of provider-protocols §6.3 (cross-checked with botocore), through the transport. */
const SIGNING_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);
const BODY = '{"inputs":"hello"}';
const HOST = 'runtime.sagemaker.us-west-2.amazonaws.com';

function model(endpoint: string): ResolvedModel {
  return {
    name: 'vector',
    version: 1,
    providerId: 'sagemaker',
    task: 'text_generation',
    input: [],
    output: [],
    inputFormat: { id: 'JSON' },
    outputFormat: { id: 'JSON' },
    params: {},
    providerOptions: {},
    connection: {
      name: 'aws',
      type: 'sagemaker',
      endpoint,
      options: {},
      secrets: { 'aws-access-key': 'AKIDEXAMPLE', 'aws-secret-key': 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', 'aws-session-token': 'EXAMPLE-SESSION-TOKEN' },
    },
  };
}

describe('SageMaker project vector (d)', () => {
  let agent: MockAgent | undefined;
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
  });

  it('signs InvokeEndpoint for service sagemaker in us-west-2: 700f7aff…', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    const captured: Array<{ path: string; headers: Record<string, string>; body: string }> = [];
    agent
      .get(`https://${HOST}`)
      .intercept({ path: () => true, method: 'POST' })
      .reply(200, (options) => {
        captured.push({ path: options.path, headers: options.headers as Record<string, string>, body: String(options.body) });
        return {};
      });
    const transport = createSageMakerTransport(model(`https://${HOST}/endpoints/my-endpoint/invocations`), { dispatcher: agent, now: () => SIGNING_TIME });
    const response = await transport.send({ body: BODY, headers: { 'content-type': 'application/json', accept: 'application/json' } });
    expect(response.status).toBe(200);
    const sent = captured[0]!;
    expect(sent.path).toBe('/endpoints/my-endpoint/invocations');
    expect(sha256Hex(sent.body)).toBe('f501139a249d6c50826fb24ea29220a9e1c84e491842c0301984046984fb6155');
    expect(sent.headers['x-amz-security-token']).toBe('EXAMPLE-SESSION-TOKEN');
    expect(sent.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/sagemaker/aws4_request, ' +
        'SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, ' +
        'Signature=700f7affe6ac6e66f5115259f69269216d017a62298b084a534ae1dde8f67fad',
    );
  });

  it("the fakes' verifier derives the documented key and the same signature", () => {
    expect(deriveSigningKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-west-2', 'sagemaker').toString('hex')).toBe(
      '9faa09be674f12738bb64bb5feed78e3357be8ad47b34f5d1a39dafc78d353df',
    );
    const computed = computeSignature(
      {
        method: 'POST',
        rawUrl: '/endpoints/my-endpoint/invocations',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          host: HOST,
          'x-amz-date': '20150830T123600Z',
          'x-amz-security-token': 'EXAMPLE-SESSION-TOKEN',
        },
        body: new TextEncoder().encode(BODY),
      },
      {
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        amzDate: '20150830T123600Z',
        region: 'us-west-2',
        service: 'sagemaker',
        signedHeaders: ['accept', 'content-type', 'host', 'x-amz-date', 'x-amz-security-token'],
      },
    );
    expect(computed.signature).toBe('700f7affe6ac6e66f5115259f69269216d017a62298b084a534ae1dde8f67fad');
  });
});
