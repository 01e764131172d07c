import { classifyHttpFailure } from '@lateral/core';
import { describe, expect, it } from 'vitest';
import { googleaiProvider } from '@lateral/provider-googleai';

const describeError = googleaiProvider.describeError!;

function classify(status: number, body: unknown) {
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return classifyHttpFailure({
    providerId: 'googleai',
    status,
    headers: {},
    bodyText,
    info: describeError(status, {}, bodyText),
    sensitive: ['test-googleai-key'],
  });
}

describe('googleai describeError', () => {
  it('reads RetryInfo.retryDelay of a 429 RESOURCE_EXHAUSTED into retryAfterMs', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota ... Please retry in 37.1s.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'm', quotaId: 'q' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    };
    expect(describeError(429, {}, JSON.stringify(body))).toEqual({
      message: 'You exceeded your current quota ... Please retry in 37.1s.',
      code: 'RESOURCE_EXHAUSTED',
      retryAfterMs: 37_000,
    });
    const failure = classify(429, body);
    expect(failure).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_HTTP', status: 429, retryable: true, retryAfterMs: 37_000, providerCode: 'RESOURCE_EXHAUSTED' });
    expect(failure.message).toBe('googleai: received bad response code 429 (RESOURCE_EXHAUSTED): You exceeded your current quota ... Please retry in 37.1s.');
  });

  it('parses fractional delays and falls back to the "retry in" hint of the message', () => {
    const fraction = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'x', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.2s' }] } };
    expect(describeError(429, {}, JSON.stringify(fraction)).retryAfterMs).toBe(200);
    const hinted = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded. Please retry in 40.5s.' } };
    expect(describeError(429, {}, JSON.stringify(hinted)).retryAfterMs).toBe(40_500);
  });

  it('keeps 400 INVALID_ARGUMENT (bad key) and 403 PERMISSION_DENIED final, 503 UNAVAILABLE retryable', () => {
    const badKey = {
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }],
      },
    };
    expect(classify(400, badKey)).toMatchObject({ retryable: false, providerCode: 'INVALID_ARGUMENT', retryAfterMs: undefined });
    expect(classify(400, badKey).message).toContain('API key not valid');
    const denied = { error: { code: 403, message: 'Permission denied on resource project x.', status: 'PERMISSION_DENIED' } };
    expect(classify(403, denied)).toMatchObject({ retryable: false, providerCode: 'PERMISSION_DENIED' });
    const overloaded = { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } };
    expect(classify(503, overloaded)).toMatchObject({ retryable: true, providerCode: 'UNAVAILABLE' });
  });

  it('reads array-wrapped errors and ignores bodies that are not Google errors', () => {
    const wrapped = [{ error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } }];
    expect(describeError(500, {}, JSON.stringify(wrapped))).toEqual({ message: 'Internal error encountered.', code: 'INTERNAL' });
    expect(describeError(502, {}, '<html>Bad Gateway</html>')).toEqual({});
    expect(describeError(500, {}, '{"message":"other shape"}')).toEqual({});
  });
});
