import { describe, expect, it } from 'vitest';
import { statementHash } from '../src/telemetry/telemetry-statement-span.js';

describe('statementHash', () => {
  it('does not depend on secret values, so a trace cannot be used to test guesses of a key', () => {
    const create = (key: string) => `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'https://x/v1?key=${key}', 'api-key' = '${key}')`;
    expect(statementHash(create('sk-a1'))).toBe(statementHash(create('sk-b2-longer')));
    expect(statementHash(create('sk-a1'))).not.toBe(statementHash(create('sk-a1').replace("'c'", "'d'").replace(' c ', ' d ')));
  });
});
