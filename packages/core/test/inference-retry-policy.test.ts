import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, retryAfterFromHeaders } from '@lateral/spec';

const failure = (status: number, overrides: Partial<Parameters<typeof classifyHttpFailure>[0]> = {}) =>
  classifyHttpFailure({ providerId: 'p', status, headers: {}, bodyText: '', sensitive: [], ...overrides });

describe('retry policy: the one place retryability is decided', () => {
  it.each([408, 429, 500, 502, 503, 504, 529])('retries %i', (status) => {
    expect(failure(status).retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 422, 424])('never retries %i', (status) => {
    expect(failure(status).retryable).toBe(false);
  });

  it("lets the provider overrule the status rule (insufficient_quota 429s, AWS throttling on 400)", () => {
    expect(failure(429, { info: { retryable: false, code: 'insufficient_quota' } }).retryable).toBe(false);
    expect(failure(400, { info: { retryable: true, code: 'ThrottlingException' } }).retryable).toBe(true);
  });

  it('reads server hints in order of precision and ignores unusable ones', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(retryAfterFromHeaders({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(retryAfterFromHeaders({ 'retry-after': 'Tue, 24 Nov 2026 12:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterFromHeaders({ 'x-amz-retry-after': '700' }, now)).toBe(700);
    expect(retryAfterFromHeaders({ 'retry-after': '120' }, now)).toBeUndefined();
    expect(retryAfterFromHeaders({ 'retry-after': '-1' }, now)).toBeUndefined();
  });

  it('bounds a hint from the error body like one from the headers', () => {
    expect(failure(429, { info: { retryAfterMs: 37_000 } }).retryAfterMs).toBe(37_000);
    expect(failure(429, { info: { retryAfterMs: 3_600_000 } }).retryAfterMs).toBeUndefined();
    expect(failure(429, { headers: { 'retry-after-ms': '10' }, info: { retryAfterMs: 37_000 } }).retryAfterMs).toBe(10);
  });

  it('masks secrets and the user inputs out of the kept body and the message', () => {
    const error = failure(400, {
      bodyText: '{"error":{"message":"bad key sk-secret-123456 for text: my private prompt"}}',
      info: { message: 'bad key sk-secret-123456 for text: my private prompt' },
      sensitive: ['sk-secret-123456', 'my private prompt'],
    });
    for (const text of [error.message, error.maskedBody ?? '']) {
      expect(text).not.toContain('sk-secret-123456');
      expect(text).not.toContain('my private prompt');
      expect(text).toContain('*****');
    }
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(error.status).toBe(400);
  });
});

describe('connection failures', () => {
  it('a host name that does not resolve (ENOTFOUND) is final; refused, reset and DNS timeouts are retried', async () => {
    const { isRetryableConnectionFailure } = await import('@lateral/spec');
    expect(isRetryableConnectionFailure('ENOTFOUND')).toBe(false);
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', undefined]) expect(isRetryableConnectionFailure(code)).toBe(true);
  });

  it('sendHttp marks an ENOTFOUND failure not retryable', async () => {
    const { sendHttp } = await import('@lateral/spec');
    const { MockAgent } = await import('undici');
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('http://no-such-host.example').intercept({ path: '/v1', method: 'POST' }).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.example'), { code: 'ENOTFOUND' }));
    const failure = await sendHttp({ providerId: 'openai', url: 'http://no-such-host.example/v1', headers: {}, body: '{}', dispatcher: agent }).catch((error: unknown) => error);
    expect((failure as { code?: string }).code).toBe('LATERAL_ERR_PROVIDER_UNREACHABLE');
    expect((failure as { retryable?: boolean }).retryable).toBe(false);
    await agent.close();
  });
});
