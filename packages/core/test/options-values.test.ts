import { describe, expect, it } from 'vitest';
import { COMMON_CONNECTION_OPTIONS, COMMON_MODEL_OPTIONS, matchesLike, redactSecretValues, resolveEnvReferences, type OptionSpec } from '@lateral/core';
import { checkOptionValue, isLoopbackHost, parseDurationSeconds } from '../src/options/option-value.js';
import { hasEnvReference, isPureEnvReference, resolveEnvReferencesLeniently } from '../src/options/env-reference.js';

const spec = (type: OptionSpec['type'], extra: Partial<OptionSpec> = {}): OptionSpec => ({ key: 'k', type, description: '', ...extra });

describe('checkOptionValue', () => {
  it.each([
    ['int', '42', true],
    ['int', '-3', true],
    ['int', '4.2', false],
    ['int', '12abc', false],
    ['number', '0.25', true],
    ['number', 'NaN', false],
    ['boolean', 'TRUE', true],
    ['boolean', 'yes', false],
    ['duration-seconds', '120', true],
    ['duration-seconds', '120s', true],
    ['duration-seconds', '2m', false],
    ['url', 'https://api.example.com/v1', true],
    ['url', 'file:///etc/passwd', false],
    ['json', '{"a": 1}', true],
    ['json', '{a: 1}', false],
    ['string', 'anything', true],
  ] as const)('%s %j → valid %s', (type, value, valid) => {
    expect(checkOptionValue(spec(type), 'p.k', value) === undefined).toBe(valid);
  });

  it('applies minimum and allowed values, naming the key', () => {
    expect(checkOptionValue(spec('int', { minimum: 1 }), 'p.max_batch_size', '0')?.message).toBe(
      "Invalid value for option 'p.max_batch_size': expected a positive integer, got '0'.",
    );
    const choice = checkOptionValue(spec('string', { allowed: ['SSE', 'STREAMABLE_HTTP'] }), 'transport-type', 'grpc');
    expect(choice?.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(choice?.expected).toEqual(['SSE', 'STREAMABLE_HTTP']);
    expect(checkOptionValue(spec('string', { allowed: ['SSE'] }), 'transport-type', 'sse')).toBeUndefined();
  });

  it('leaves ${env:...} values to run time', () => {
    expect(checkOptionValue(spec('int'), 'k', '${env:BATCH}')).toBeUndefined();
  });

  it('parses durations in seconds', () => {
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds(' 1.5s ')).toBe(1.5);
    expect(parseDurationSeconds('1m')).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.8.9.10', '[::1]', 'api.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['example.com', '10.0.0.1', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});

describe('common option lists', () => {
  it('declare the pacing, batching and response-size extensions as positive integers', () => {
    const byKey = new Map(COMMON_MODEL_OPTIONS.map((option) => [option.key, option]));
    for (const key of ['requests_per_minute', 'tokens_per_minute', 'max_batch_size', 'max_response_bytes']) expect(byKey.get(key)).toMatchObject({ type: 'int', minimum: 1 });
    expect(COMMON_CONNECTION_OPTIONS.map((option) => option.key)).toEqual(['requests-per-minute', 'tokens-per-minute', 'max-response-bytes']);
  });
});

describe('${env:NAME} references', () => {
  it('resolves every reference inside a value', () => {
    expect(resolveEnvReferences('Bearer ${env:A}-${env:B}', { A: 'x', B: 'y' }, { owner: 'connection c', option: 'token' })).toBe('Bearer x-y');
    expect(hasEnvReference('${env:A}')).toBe(true);
    expect(hasEnvReference('$env:A')).toBe(false);
    expect(isPureEnvReference('${env:OPENAI_API_KEY}')).toBe(true);
    expect(isPureEnvReference('sk-${env:REST}')).toBe(false);
  });

  it('fails on an unset or empty variable, naming it', () => {
    expect(() => resolveEnvReferences('${env:MISSING}', { MISSING: '' }, { owner: "connection 'c'", option: 'api-key' })).toThrow(
      "Environment variable 'MISSING' is not set; it is referenced by option 'api-key' of connection 'c'.",
    );
    expect(resolveEnvReferencesLeniently('${env:MISSING}/x', {})).toBe('${env:MISSING}/x');
  });
});

describe('LIKE patterns', () => {
  it('follow % and _ with backslash escapes, case-sensitively', () => {
    expect(matchesLike('summarizer', { pattern: 'sum%', negated: false })).toBe(true);
    expect(matchesLike('Summarizer', { pattern: 'sum%', negated: false })).toBe(false);
    expect(matchesLike('my_model', { pattern: 'my\\_model', negated: false })).toBe(true);
    expect(matchesLike('myXmodel', { pattern: 'my\\_model', negated: false })).toBe(false);
    expect(matchesLike('a.b', { pattern: 'a_b', negated: false })).toBe(true);
    expect(matchesLike('a(b)+', { pattern: 'a(b)+', negated: false })).toBe(true);
    expect(matchesLike('abc', { pattern: 'a%', negated: true })).toBe(false);
    expect(matchesLike('x', undefined)).toBe(true);
  });
});

describe('redactSecretValues', () => {
  it('masks credential values with a fixed mask (their length is not kept), leaves other values', () => {
    const sql = "WITH ('type' = 'openai', 'API-KEY' = 'sk-abc', 'aws-secret-key'='xyz', 'client-secret' = 'it''s', 'endpoint' = 'https://x')";
    expect(redactSecretValues(sql)).toBe("WITH ('type' = 'openai', 'API-KEY' = '*****', 'aws-secret-key'='*****', 'client-secret' = '*****', 'endpoint' = 'https://x')");
  });
});
