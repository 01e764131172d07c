import { afterEach, describe, expect, it } from 'vitest';
import { LateralError, type ResolvedModel } from '@lateral/core';
import { createAwsTransport, type AwsTransportOptions } from '@lateral/provider-utils';
import { startHttpFake, type HttpFake } from '../../../test/fakes/http-fake.js';
import { verifySigV4 } from '../../../test/fakes/aws-sigv4-verify.js';
import { resolvedModel } from '../../../test/providers/provider-test-kit.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

let fake: HttpFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function options(overrides: Partial<AwsTransportOptions> = {}): AwsTransportOptions {
  return {
    providerId: 'someaws',
    exampleRegion: 'eu-west-3',
    parseEndpoint: (endpoint) => ({ url: new URL(endpoint) }),
    signingName: 'someservice',
    userAgent: 'lateral/test',
    optionHeaders: (providerOptions): Record<string, string> => (providerOptions.variant ? { 'x-amzn-some-variant': providerOptions.variant } : {}),
    ...overrides,
  };
}

function model(endpoint: string, secrets: Record<string, string> = { 'aws-access-key': CREDENTIALS.accessKeyId, 'aws-secret-key': CREDENTIALS.secretAccessKey }): ResolvedModel {
  const connection = { name: 'aws_conn', type: 'someaws', endpoint, options: { region: 'eu-west-3' }, secrets };
  return resolvedModel({ providerId: 'someaws', inputFormat: 'CSV', task: 'regression', providerOptions: { variant: 'blue' }, connection });
}

describe('createAwsTransport', () => {
  it('signs the rewritten format headers and the option headers, and sends one Host', async () => {
    fake = await startHttpFake(() => ({ status: 200, body: 'ok' }));
    const transport = createAwsTransport(model(`${fake.url}/run?b=x y&a=1`), { now: () => NOW }, options({
      requestHeaders: (headers) => ({ ...headers, 'content-type': 'text/csv' }),
    }));
    const response = await transport.send({ body: '1,2', headers: { 'content-type': 'application/json' }, timeoutMs: 5000 });
    expect(response.status).toBe(200);
    const request = fake.requests[0]!;
    expect(request.url).toBe('/run?b=x%20y&a=1');
    expect(request.headers['content-type']).toBe('text/csv');
    expect(request.headers['x-amzn-some-variant']).toBe('blue');
    expect(request.headers['user-agent']).toBe('lateral/test');
    expect(request.headers.host).toBe(new URL(fake.url).host);
    const verified = verifySigV4(
      { method: request.method, rawUrl: request.url, headers: request.headers, body: request.body },
      { credentials: CREDENTIALS, region: 'eu-west-3', service: 'someservice', now: NOW },
    );
    expect(verified).toMatchObject({ ok: true });
    expect(verified.ok && verified.signedHeaders).toEqual(expect.arrayContaining(['content-type', 'x-amzn-some-variant', 'host', 'x-amz-date']));
  });

  it('fails before any request on an unusable endpoint or missing keys, naming the provider', () => {
    const bad = options({
      parseEndpoint: () => {
        throw new Error('For someaws endpoint expected …/run');
      },
    });
    expect(() => createAwsTransport(model('http://127.0.0.1:1/x'), {}, bad)).toThrow(/^someaws: For someaws endpoint expected …\/run$/);
    let caught: unknown;
    try {
      createAwsTransport(model('http://127.0.0.1:1/run', { 'aws-access-key': 'AKIDEXAMPLE' }), {}, options());
    } catch (error) {
      caught = error;
    }
    expect(LateralError.isInstance(caught) && caught.code).toBe('LATERAL_ERR_PROVIDER_AUTH');
    const noConnection = { ...model('http://127.0.0.1:1/run'), connection: undefined };
    expect(() => createAwsTransport(noConnection, {}, options())).toThrow("someaws: model 'test_model' has no connection.");
  });

  it('registers the signature and the session token of each request with the call\'s secret sink', async () => {
    fake = await startHttpFake(() => ({ status: 200, body: 'ok' }));
    const secrets = { 'aws-access-key': CREDENTIALS.accessKeyId, 'aws-secret-key': CREDENTIALS.secretAccessKey, 'aws-session-token': 'FwoGZXIvYXdzEXAMPLESESSION' };
    const transport = createAwsTransport(model(`${fake.url}/run`, secrets), { now: () => NOW }, options());
    const sink = new Set<string>();
    await transport.send({ body: '1,2', headers: { 'content-type': 'text/csv' }, timeoutMs: 5000, secrets: sink });
    const sent = fake.requests[0]!.headers;
    const signature = /Signature=([0-9a-f]{64})/.exec(sent.authorization ?? '')?.[1];
    expect(signature).toBeDefined();
    expect([...sink].sort()).toEqual([signature, 'FwoGZXIvYXdzEXAMPLESESSION'].sort());
  });
});
