import { describe, expect, it } from 'vitest';
import { API_KEY, apiKeyConnectionSchema, validateHttpEndpoint } from '@lateral/provider-utils';

describe('apiKeyConnectionSchema', () => {
  it('requires one secret api-key for the given type, with no optional keys by default', () => {
    const schema = apiKeyConnectionSchema({ type: 'someai' });
    expect(schema.types).toEqual(['someai']);
    expect(schema.secretKeys).toEqual([API_KEY]);
    expect(schema.requiredKeys).toEqual(['api-key']);
    expect(schema.optionalKeys).toEqual([]);
  });

  it('checks the endpoint as an http(s) URL unless the provider brings its own check', () => {
    expect(apiKeyConnectionSchema({ type: 'a' }).validateEndpoint?.('ftp://example.test/x')).toContain("got 'ftp:'");
    const own = apiKeyConnectionSchema({ type: 'b', validateEndpoint: () => 'provider says no' });
    expect(own.validateEndpoint?.('https://example.test/v1')).toBe('provider says no');
  });

  it('keeps the optional keys it is given', () => {
    const schema = apiKeyConnectionSchema({ type: 'c', optionalKeys: [{ key: 'project', type: 'string', description: 'p' }] });
    expect(schema.optionalKeys.map((spec) => spec.key)).toEqual(['project']);
  });
});

describe('validateHttpEndpoint', () => {
  it('accepts http and https URLs, local ones included', () => {
    expect(validateHttpEndpoint('http://127.0.0.1:8080/v1/chat/completions')).toBeUndefined();
    expect(validateHttpEndpoint('https://api.example.test/v1/embeddings?x=1')).toBeUndefined();
  });

  it('refuses what is not a URL, and other schemes without echoing credentials', () => {
    expect(validateHttpEndpoint('not a url')).toBe('The endpoint is not a valid URL.');
    const message = validateHttpEndpoint('ws://user:hunter2@example.test/socket');
    expect(message).toContain("must be an http or https URL, got 'ws:'");
    expect(message).not.toContain('hunter2');
  });
});
