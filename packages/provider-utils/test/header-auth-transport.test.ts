import { afterEach, describe, expect, it } from 'vitest';
import { LateralError, type ResolvedModel } from '@lateral/core';
import { createHeaderAuthTransport, type HeaderAuthTransportOptions } from '@lateral/provider-utils';
import { startHttpFake, type HttpFake } from '../../../test/fakes/http-fake.js';
import { resolvedModel } from '../../../test/providers/provider-test-kit.js';

let fake: HttpFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const OPTIONS: HeaderAuthTransportOptions = {
  providerId: 'someai',
  userAgent: 'lateral/test',
  authHeaders: (apiKey, connection) => ({ 'x-key': apiKey, 'x-team': connection.options.team ?? 'none' }),
};

function model(endpoint: string, secrets: Record<string, string> = { 'api-key': 'sk-test-123' }): ResolvedModel {
  const connection = { name: 'key_conn', type: 'someai', endpoint, options: { team: 'red' }, secrets };
  return resolvedModel({ providerId: 'someai', inputFormat: 'OPENAI-CHAT', task: 'text_generation', connection });
}

function failure(run: () => unknown): LateralError {
  try {
    run();
  } catch (error) {
    if (LateralError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a LateralError');
}

describe('createHeaderAuthTransport', () => {
  it('POSTs to the endpoint as written, with the auth headers last so a format header cannot replace them', async () => {
    fake = await startHttpFake(() => ({ status: 200, body: { ok: true } }));
    const transport = createHeaderAuthTransport(model(`${fake.url}/v1/chat/completions?api-version=1`), {}, OPTIONS);
    const response = await transport.send({ body: '{}', headers: { 'content-type': 'application/json', 'x-key': 'from-format' }, timeoutMs: 5000 });
    expect(response.status).toBe(200);
    const request = fake.requests[0]!;
    expect([request.method, request.url]).toEqual(['POST', '/v1/chat/completions?api-version=1']);
    expect(request.headers['x-key']).toBe('sk-test-123');
    expect(request.headers['x-team']).toBe('red');
    expect(request.headers['user-agent']).toBe('lateral/test');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('fails before any request without a connection or an api-key, never echoing secrets', () => {
    const noConnection = failure(() => createHeaderAuthTransport({ ...model('http://127.0.0.1:1/'), connection: undefined }, {}, OPTIONS));
    expect([noConnection.code, noConnection.message]).toEqual(['LATERAL_ERR_OPTION_MISSING', "Model 'test_model' has no 'someai.connection'."]);
    const noKey = failure(() => createHeaderAuthTransport(model('http://127.0.0.1:1/', { other: 'sk-other-456' }), {}, OPTIONS));
    expect([noKey.code, noKey.message]).toEqual(['LATERAL_ERR_SECRET_MISSING', "The someai connection 'key_conn' has no 'api-key'."]);
  });
});
