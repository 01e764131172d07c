import { describe, expect, it } from 'vitest';
import { redactSecretValues } from '@lateral/core';
import { redactedExcerpt, sourceExcerpt } from '../src/engine/source-excerpt.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('redactSecretValues', () => {
  it('replaces a well-formed secret value with a fixed mask, not one star per character', () => {
    const sql = "WITH ('type' = 'openai', 'API-KEY' = 'sk-abcdef', 'aws_secret_key'='abc', 'client-secret' = 'hello', 'endpoint' = 'https://x')";
    expect(redactSecretValues(sql)).toBe("WITH ('type' = 'openai', 'API-KEY' = '*****', 'aws_secret_key'='*****', 'client-secret' = '*****', 'endpoint' = 'https://x')");
  });

  it('masks an unterminated value to the end of the text', () => {
    const sql = `CREATE CONNECTION c WITH ('type'='openai', 'api-key'='${SECRET});`;
    const redacted = redactSecretValues(sql);
    expect(redacted).not.toContain('sk-live');
    expect(redacted).toBe("CREATE CONNECTION c WITH ('type'='openai', 'api-key'='*****");
  });

  it('masks unquoted and double-quoted values', () => {
    expect(redactSecretValues(`WITH ('type'='openai', 'api-key'=${SECRET}, 'endpoint'='x')`)).toBe("WITH ('type'='openai', 'api-key'=*****, 'endpoint'='x')");
    expect(redactSecretValues(`WITH ('type'='openai', 'api-key' = "${SECRET}")`)).toBe(`WITH ('type'='openai', 'api-key' = "*****")`);
    expect(redactSecretValues(`WITH (api_key = '${SECRET}')`)).toBe("WITH (api_key = '*****')");
  });

  it('still finds the secrets of later statements after an unterminated string', () => {
    const sql = `CREATE CONNECTION a WITH ('type'='openai', 'api-key'='first-secret-1234);\nCREATE CONNECTION b WITH ('type' = 'openai', 'api-key' = 'second-secret-5678');\n`;
    const redacted = redactSecretValues(sql);
    expect(redacted).not.toContain('first-secret');
    expect(redacted).not.toContain('second-secret');
  });

  it('masks a multi-line secret whole (a pasted service key)', () => {
    const sql = `CREATE CONNECTION v WITH ('type' = 'vertexai', 'service-key' = '{\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEv0123\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "x@y"\n}', 'endpoint' = 'https://e');`;
    const redacted = redactSecretValues(sql);
    expect(redacted).not.toContain('MIIEv0123');
    expect(redacted).not.toContain('client_email');
    expect(redacted).toContain("'endpoint' = 'https://e'");
  });

  it('masks credentials inside endpoint URLs: key parameters and user-info', () => {
    const sql = "WITH ('endpoint' = 'https://user:hunter22@host.example/v1/models/m:generateContent?alt=json&key=AIzaSyEXAMPLE&Sig=abcd', 'type' = 'googleai')";
    expect(redactSecretValues(sql)).toBe("WITH ('endpoint' = 'https://*****@host.example/v1/models/m:generateContent?alt=json&key=*****&Sig=*****', 'type' = 'googleai')");
  });

  it('leaves keys that only look alike, and text in other positions', () => {
    const sql = "WITH ('openai.params.max_tokens' = '100', 'tokens-per-minute' = '5000') -- the api-key is set later";
    expect(redactSecretValues(sql)).toBe(sql);
  });

  it('takes linear time: 300 KB and 5 MB inputs (the old regex took 72 s on 300 KB and overflowed the stack on 5 MB)', () => {
    // 300 KB of doubled quotes: every quote starts a string that runs to the end
    const quotes = `'${"x''".repeat(100_000)}`;
    expect(redactSecretValues(quotes)).toBe(quotes);
    expect(redactSecretValues(`'api-key' = ${quotes}`)).toBe("'api-key' = '*****");
    const json = JSON.stringify(Array.from({ length: 8000 }, (_, i) => ({ id: i, key: `value-${i}`, token: 'x' })));
    expect(json.length).toBeGreaterThan(300_000);
    const insert = `INSERT INTO t VALUES ('${json}', 'api-key' = 'sk-inside-${'y'.repeat(10)}');`;
    expect(redactSecretValues(insert)).not.toContain('sk-inside');
    const huge = `CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = '${'z'.repeat(5_000_000)}'); SELECT '${"''".repeat(1_000_000)}'`;
    const redacted = redactSecretValues(huge);
    expect(redacted).not.toContain('zzzzz');
    expect(redacted.length).toBeLessThan(2_100_000);
  });
});

describe('sourceExcerpt', () => {
  const at = (text: string, needle: string, length = needle.length) => {
    const offset = text.indexOf(needle);
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = before.at(-1)!.length + 1;
    return { start: { offset, line, column }, end: { offset: offset + length, line, column: column + length } };
  };

  it('keeps short lines whole, carets under the located text', () => {
    const text = 'SELECT 1;\nSELECT * FORM a';
    expect(sourceExcerpt(text, at(text, 'FORM'))).toBe('SELECT * FORM a\n         ^^^^');
  });

  it('cuts a long line to a window around the caret, with ellipses', () => {
    const text = `INSERT INTO t VALUES ('${'a'.repeat(5_000_000)}', oops)`;
    const excerpt = sourceExcerpt(text, at(text, 'oops'));
    const [line, caret] = excerpt.split('\n');
    expect(line!.length).toBeLessThanOrEqual(202);
    expect(line!.startsWith('…')).toBe(true);
    expect(line!.slice(caret!.indexOf('^'), caret!.indexOf('^') + 4)).toBe('oops');
    expect(caret!.trim()).toBe('^^^^');
  });

  it('masks secrets in the excerpt and moves the caret to match', () => {
    const text = `CREATE CONNECTION c WITH ('api-key' = '${SECRET}', 'typo' = 'x')`;
    const excerpt = redactedExcerpt(text, at(text, "'typo'"));
    expect(excerpt).toBe("CREATE CONNECTION c WITH ('api-key' = '*****', 'typo' = 'x')\n                                               ^^^^^^");
    const onSecret = redactedExcerpt(text, at(text, SECRET));
    expect(onSecret).toBe("CREATE CONNECTION c WITH ('api-key' = '*****', 'typo' = 'x')\n                                       ^^^^^");
  });

  it('masks an unterminated secret that runs across lines in every line of the excerpt', () => {
    const text = `CREATE CONNECTION c WITH ('type'='openai', 'api-key'='${SECRET});\nSELECT 1;`;
    const excerpt = redactedExcerpt(text, at(text, 'SELECT'));
    expect(excerpt).not.toContain('SELECT');
    expect(excerpt).toContain('*****');
  });
});
