import { describe, expect, it } from 'vitest';
import { errorText, readErrorEnvelope } from '@lateral/provider-utils';

describe('readErrorEnvelope', () => {
  it('returns the object under `error`', () => {
    expect(readErrorEnvelope('{"error":{"message":"Invalid key","type":"invalid_request_error"}}')).toEqual({ message: 'Invalid key', type: 'invalid_request_error' });
    expect(readErrorEnvelope('{"type":"error","error":{"type":"overloaded_error"},"request_id":"r"}')).toEqual({ type: 'overloaded_error' });
  });

  it('returns undefined for non-JSON bodies and for `error` that is not an object', () => {
    expect(readErrorEnvelope('<html>Bad Gateway</html>')).toBeUndefined();
    expect(readErrorEnvelope('{"error":"just text"}')).toBeUndefined();
    expect(readErrorEnvelope('{"error":null}')).toBeUndefined();
    expect(readErrorEnvelope('null')).toBeUndefined();
  });
});

describe('errorText', () => {
  it('keeps non-empty strings and turns numbers into text', () => {
    expect(errorText('rate_limit_exceeded')).toBe('rate_limit_exceeded');
    expect(errorText(429)).toBe('429');
    expect(errorText('')).toBeUndefined();
    expect(errorText({ code: 1 })).toBeUndefined();
    expect(errorText(undefined)).toBeUndefined();
  });
});
