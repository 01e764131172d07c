import { describe, expect, it } from 'vitest';
import { awsCodeRetryable, readAwsError } from '@lateral/provider-utils';

describe('readAwsError', () => {
  it('takes the code from x-amzn-errortype, before the first colon', () => {
    const error = readAwsError({ 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' }, '{"message":"Too many requests"}');
    expect(error.code).toBe('ThrottlingException');
    expect(error.message).toBe('Too many requests');
  });

  it('falls back to the body: __type after #, Message with a capital M', () => {
    const error = readAwsError({}, '{"__type":"com.amazon.coral.validate#ValidationException","Message":"bad input"}');
    expect(error).toMatchObject({ code: 'ValidationException', message: 'bad input' });
    expect(error.body).toEqual({ __type: 'com.amazon.coral.validate#ValidationException', Message: 'bad input' });
  });

  it('leaves what is not a JSON object unread, and an empty code undefined', () => {
    expect(readAwsError({}, 'upstream connect error')).toEqual({ code: undefined, message: undefined, body: undefined });
    expect(readAwsError({}, '["a"]').body).toBeUndefined();
    expect(readAwsError({ 'x-amzn-errortype': ':http://x' }, '{}').code).toBeUndefined();
  });
});

describe('awsCodeRetryable', () => {
  it('retries throttling and transient codes, never final ones, and leaves the rest to the status', () => {
    expect(awsCodeRetryable('ThrottlingException')).toBe(true);
    expect(awsCodeRetryable('ModelNotReadyException')).toBe(true);
    expect(awsCodeRetryable('ModelTimeoutException')).toBe(false);
    expect(awsCodeRetryable('InternalDependencyException')).toBe(false);
    expect(awsCodeRetryable('SomethingNew')).toBeUndefined();
    expect(awsCodeRetryable(undefined)).toBeUndefined();
  });
});
