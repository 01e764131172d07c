import { classifyHttpFailure } from '@lateral/core';
import { describe, expect, it } from 'vitest';
import { vertexaiProvider } from '@lateral/provider-vertexai';

const describeError = vertexaiProvider.describeError!;

function classify(status: number, body: unknown) {
  const bodyText = JSON.stringify(body);
  return classifyHttpFailure({ providerId: 'vertexai', status, headers: {}, bodyText, info: describeError(status, {}, bodyText), sensitive: [] });
}

describe('vertexai describeError', () => {
  it('a 429 RESOURCE_EXHAUSTED with RetryInfo is retryable after the hinted delay', () => {
    const body = {
      error: {
        code: 429,
        message: 'Resource exhausted. Please try again later.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' }],
      },
    };
    expect(describeError(429, {}, JSON.stringify(body))).toEqual({ message: 'Resource exhausted. Please try again later.', code: 'RESOURCE_EXHAUSTED', retryAfterMs: 2500 });
    expect(classify(429, body)).toMatchObject({ retryable: true, retryAfterMs: 2500, providerCode: 'RESOURCE_EXHAUSTED' });
  });

  it('reads array-wrapped errors (streaming paths) and relayed Anthropic errors', () => {
    const wrapped = [{ error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } }];
    expect(classify(503, wrapped)).toMatchObject({ retryable: true, providerCode: 'UNAVAILABLE' });
    const anthropic = { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } };
    expect(describeError(400, {}, JSON.stringify(anthropic))).toEqual({ message: 'max_tokens: Field required', code: 'invalid_request_error' });
  });

  it('401 UNAUTHENTICATED, 403 PERMISSION_DENIED and 400 FAILED_PRECONDITION are final', () => {
    expect(classify(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } })).toMatchObject({
      retryable: false,
      providerCode: 'UNAUTHENTICATED',
    });
    expect(classify(403, { error: { code: 403, message: "Permission 'aiplatform.endpoints.predict' denied", status: 'PERMISSION_DENIED' } }).retryable).toBe(false);
    expect(classify(400, { error: { code: 400, message: 'Gemini cannot be accessed through Vertex Predict/RawPredict API.', status: 'FAILED_PRECONDITION' } }).retryable).toBe(false);
  });

  it('ignores bodies that are not JSON errors', () => {
    expect(describeError(502, {}, '<html>502</html>')).toEqual({});
    expect(describeError(500, {}, '{"detail":"x"}')).toEqual({});
  });
});
