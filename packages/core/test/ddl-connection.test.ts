import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLateralError, type LateralError } from '@lateral/core';
import {
  CHAT_CONNECTION,
  SENTIMENT_MODEL,
  errorWithCode,
  errorsOf,
  failureOf,
  messageOf,
  openEngine,
  rowsOf,
  run,
  runOne,
  temporaryDataDir,
} from './engine-test-kit.js';
import type { Engine } from '@lateral/core';
import { storedDocuments } from './store-test-kit.js';

let dir: string;
let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
});
afterEach(async () => {
  await cleanup();
});

const SECRET = 'sk-test-SECRET-0001';

function single(failure: Awaited<ReturnType<typeof failureOf>>): LateralError {
  const errors = errorsOf(failure);
  expect(errors).toHaveLength(1);
  return errors[0] as LateralError;
}

describe('CREATE CONNECTION', () => {
  it('creates a connection with lower-cased keys and a lower-cased type', async () => {
    const message = await messageOf(
      engine,
      `CREATE CONNECTION \`openai-chat\` COMMENT 'chat endpoint' WITH ('TYPE' = 'TestAI', 'Endpoint' = 'https://api.example.com/v1/chat/completions', 'API-KEY' = '${SECRET}', 'Region' = 'eu')`,
    );
    expect(message).toBe('Connection `openai-chat` created.');
    expect(engine.catalog.getConnection('openai-chat')).toMatchObject({
      type: 'testai',
      endpoint: 'https://api.example.com/v1/chat/completions',
      comment: 'chat endpoint',
      options: { region: 'eu' },
      secretKeys: ['api-key'],
    });
  });

  it('requires type and endpoint, pointing at the statement name', async () => {
    const failure = await failureOf(engine, `CREATE CONNECTION c WITH ('api-key' = 'k-12345')`);
    expect(errorsOf(failure).map((error) => [error.code, error.details?.option])).toEqual([
      ['LATERAL_ERR_OPTION_MISSING', 'type'],
      ['LATERAL_ERR_OPTION_MISSING', 'endpoint'],
    ]);
    const error = errorsOf(failure)[0] as LateralError;
    expect(error.location?.start).toMatchObject({ line: 1, column: 19 });
    expect(error.details?.statementIndex).toBe(0);
  });

  it('rejects an endpoint that is not an http(s) URL, at the endpoint option', async () => {
    const failure = await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai',\n  'endpoint' = 'ftp://example.com/x', 'api-key' = 'k-12345')`);
    const error = single(failure);
    expect(error.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error.message).toContain("'endpoint'");
    expect(error.location?.start).toMatchObject({ line: 2, column: 3 });
  });

  it("applies the provider's endpoint check", async () => {
    const error = single(await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1/forbidden', 'api-key' = 'k-12345')`));
    expect(error.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error.message).toContain('the path /forbidden is not an API');
  });

  it('warns about plain http to a remote host, not to loopback', async () => {
    const remote = await runOne(engine, `CREATE CONNECTION a WITH ('type' = 'testai', 'endpoint' = 'http://models.example.com/v1', 'api-key' = 'k-12345')`);
    expect(remote.kind === 'message' && remote.warnings?.[0]).toContain('plain http');
    const local = await runOne(engine, `CREATE CONNECTION b WITH ('type' = 'testai', 'endpoint' = 'http://localhost:11434/v1', 'api-key' = 'k-12345')`);
    expect(local.kind === 'message' && local.warnings).toBeUndefined();
  });

  it('names the package to install for a type no provider serves', async () => {
    const error = single(await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'sagemaker', 'endpoint' = 'https://x.example.com/', 'api-key' = 'k-12345')`));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_UNKNOWN');
    expect(error.message).toContain('@lateral/provider-sagemaker');
    expect(error.details?.option).toBe('type');
  });

  it('requires the secrets of the type', async () => {
    const failure = await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/', 'aws-access-key' = 'AKIA1234')`);
    const error = single(failure);
    expect(error.code).toBe('LATERAL_ERR_SECRET_MISSING');
    expect(error.message).toContain("'aws-secret-key'");
  });

  it('rejects a secret the type does not take, with the CLI wording and the valid keys', async () => {
    const failure = await failureOf(
      engine,
      `CREATE CONNECTION c WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/',\n 'aws-access-key' = 'AKIA1234', 'aws-secret-key' = 'abcd1234', 'api-key' = '${SECRET}')`,
    );
    const error = single(failure);
    expect(error.code).toBe('LATERAL_ERR_SECRET_NOT_ALLOWED');
    expect(error.message).toBe('api-key is invalid for connection testaws. Valid secret keys: aws-access-key, aws-secret-key, aws-session-token.');
    expect(error.location?.start).toMatchObject({ line: 2, column: 64 });
    expect(JSON.stringify(error.toPlain())).not.toContain(SECRET);
    expect(formatLateralError(error)).not.toContain(SECRET);
  });

  it("applies the schema's own secret checks, skipping ${env:...} values", async () => {
    const base = `CREATE CONNECTION c WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/', 'aws-secret-key' = 'abcd1234', 'aws-access-key' = `;
    const error = single(await failureOf(engine, `${base}'not-a-key-id')`));
    expect(error.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error.details?.option).toBe('aws-access-key');
    expect(await messageOf(engine, `${base}'\${env:AWS_ACCESS_KEY_ID}')`)).toBe('Connection `c` created.');
  });

  it('rejects an unknown key, listing the allowed ones', async () => {
    const error = single(await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'https://x.example.com/', 'api-key' = 'k-12345', 'colour' = 'blue')`));
    expect(error.code).toBe('LATERAL_ERR_OPTION_UNKNOWN');
    expect(error.message).toContain("'colour'");
    expect(error.expected).toEqual(['type', 'endpoint', 'api-key', 'requests-per-minute', 'tokens-per-minute', 'max-response-bytes', 'region']);
  });

  it('rejects a secret over 4000 bytes', async () => {
    const long = 'é'.repeat(2001);
    const error = single(await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'https://x.example.com/', 'api-key' = '${long}')`));
    expect(error.code).toBe('LATERAL_ERR_SECRET_TOO_LONG');
    expect(error.message).toContain('4002 bytes');
    expect(error.message).not.toContain('é');
  });

  it('checks one-of credential groups', async () => {
    const base = `CREATE CONNECTION c WITH ('type' = 'testrest', 'endpoint' = 'https://x.example.com/'`;
    expect(single(await failureOf(engine, `${base})`)).code).toBe('LATERAL_ERR_SECRET_MISSING');
    expect(single(await failureOf(engine, `${base}, 'username' = 'u')`)).message).toContain('together with password');
    expect(single(await failureOf(engine, `${base}, 'username' = 'u', 'password' = 'pw-123456', 'api-key' = 'k-12345')`)).code).toBe(
      'LATERAL_ERR_OPTION_CONFLICT',
    );
    expect(await messageOf(engine, `${base}, 'username' = 'u', 'password' = 'pw-123456')`)).toBe('Connection `c` created.');
  });

  it('accepts requests-per-minute and tokens-per-minute on every type, as positive integers', async () => {
    await run(engine, `CREATE CONNECTION c WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/', 'aws-access-key' = 'AKIA1234', 'aws-secret-key' = 'abcd1234', 'requests-per-minute' = '600', 'tokens-per-minute' = '90000')`);
    expect(engine.catalog.getConnection('c')?.options).toEqual({ 'requests-per-minute': '600', 'tokens-per-minute': '90000' });
    const failure = await failureOf(engine, `CREATE CONNECTION d WITH ('type' = 'testai', 'endpoint' = 'https://x.example.com/', 'api-key' = 'k-12345', 'requests-per-minute' = '0', 'tokens-per-minute' = 'lots')`);
    expect(errorsOf(failure).map((error) => [error.code, error.details?.option])).toEqual([
      ['LATERAL_ERR_OPTION_INVALID', 'requests-per-minute'],
      ['LATERAL_ERR_OPTION_INVALID', 'tokens-per-minute'],
    ]);
  });

  it('refuses a key given twice', async () => {
    const failure = await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'https://x.example.com/', 'api-key' = 'k-12345', 'API-KEY' = 'k-67890')`);
    expect(errorWithCode(failure, 'LATERAL_ERR_OPTION_CONFLICT').message).toContain("'api-key' is set more than once");
  });

  it('handles IF NOT EXISTS, OR REPLACE, and refuses both together', async () => {
    await run(engine, CHAT_CONNECTION);
    expect(single(await failureOf(engine, CHAT_CONNECTION)).code).toBe('LATERAL_ERR_CATALOG_EXISTS');
    expect(await messageOf(engine, CHAT_CONNECTION.replace('CONNECTION chat', 'CONNECTION IF NOT EXISTS chat'))).toContain('already exists');
    expect(await messageOf(engine, CHAT_CONNECTION.replace('CREATE CONNECTION', 'CREATE OR REPLACE CONNECTION').replace(SECRET, 'sk-new-secret'))).toBe(
      'Connection `chat` replaced.',
    );
    expect(engine.catalog.connectionSecrets('chat')).toEqual({ 'api-key': 'sk-new-secret' });
    const both = single(await failureOf(engine, CHAT_CONNECTION.replace('CREATE CONNECTION chat', 'CREATE OR REPLACE CONNECTION IF NOT EXISTS chat')));
    expect(both.code).toBe('LATERAL_ERR_OPTION_CONFLICT');
  });
});

describe('ALTER CONNECTION', () => {
  it('changes credentials and other keys, re-validating the whole connection', async () => {
    await run(engine, CHAT_CONNECTION);
    expect(await messageOf(engine, `ALTER CONNECTION chat SET ('api-key' = 'sk-rotated-0002', 'region' = 'us', 'endpoint' = 'http://127.0.0.1:10/v1')`)).toBe(
      'Connection `chat` altered.',
    );
    expect(engine.catalog.getConnection('chat')).toMatchObject({ endpoint: 'http://127.0.0.1:10/v1', options: { region: 'us' } });
    expect(engine.catalog.connectionSecrets('chat')).toEqual({ 'api-key': 'sk-rotated-0002' });
    expect(storedDocuments(dir).secrets).not.toContain(SECRET);
  });

  it('refuses an unknown key and a type change', async () => {
    await run(engine, CHAT_CONNECTION);
    expect(single(await failureOf(engine, `ALTER CONNECTION chat SET ('aws-secret-key' = 'x-123456')`)).code).toBe('LATERAL_ERR_SECRET_NOT_ALLOWED');
    expect(single(await failureOf(engine, `ALTER CONNECTION chat SET ('type' = 'testaws')`)).code).toBe('LATERAL_ERR_OPTION_INVALID');
  });

  it('fails for a missing connection unless IF EXISTS', async () => {
    expect(single(await failureOf(engine, `ALTER CONNECTION nope SET ('region' = 'x')`)).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(await messageOf(engine, `ALTER CONNECTION IF EXISTS nope SET ('region' = 'x')`)).toContain('does not exist');
  });
});

describe('DROP CONNECTION', () => {
  it('refuses while a model uses it, naming the models', async () => {
    await run(engine, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}`);
    const error = single(await failureOf(engine, 'DROP CONNECTION chat'));
    expect(error.code).toBe('LATERAL_ERR_CATALOG_IN_USE');
    expect(error.message).toContain('`sentiment`');
    await run(engine, 'DROP MODEL sentiment');
    expect(await messageOf(engine, 'DROP CONNECTION chat')).toBe('Connection `chat` dropped.');
    expect(engine.catalog.connectionSecrets('chat')).toEqual({});
  });

  it('fails for a missing connection unless IF EXISTS', async () => {
    expect(single(await failureOf(engine, 'DROP CONNECTION nope')).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(await messageOf(engine, 'DROP CONNECTION IF EXISTS nope')).toContain('nothing dropped');
  });
});

describe('SHOW / DESCRIBE / SHOW CREATE CONNECTION', () => {
  beforeEach(async () => {
    await run(
      engine,
      `${CHAT_CONNECTION};
       CREATE CONNECTION \`chat-2\` COMMENT 'second' WITH ('type' = 'testai', 'endpoint' = 'https://api.example.com/v1/chat/completions', 'api-key' = '\${env:OPENAI_KEY}');
       CREATE CONNECTION bedrock_conn WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/', 'aws-access-key' = 'AKIA1234', 'aws-secret-key' = 'aws-SECRET-5678')`,
    );
  });

  it('lists names, filtered by LIKE', async () => {
    const all = await runOne(engine, 'SHOW CONNECTIONS');
    expect(all).toEqual({ kind: 'rows', columns: ['Name'], rows: [['bedrock_conn'], ['chat'], ['chat-2']] });
    expect(await rowsOf(engine, "SHOW CONNECTIONS LIKE 'chat%'")).toEqual([['chat'], ['chat-2']]);
    expect(await rowsOf(engine, "SHOW CONNECTIONS LIKE 'chat_2'")).toEqual([['chat-2']]);
    expect(await rowsOf(engine, "SHOW CONNECTIONS NOT LIKE 'chat%'")).toEqual([['bedrock_conn']]);
  });

  it('describes with Name | Type | Endpoint | Comment and no secret', async () => {
    const result = await runOne(engine, 'DESCRIBE CONNECTION `chat-2`');
    expect(result).toEqual({
      kind: 'rows',
      columns: ['Name', 'Type', 'Endpoint', 'Comment'],
      rows: [['chat-2', 'TESTAI', 'https://api.example.com/v1/chat/completions', 'second']],
    });
    expect(JSON.stringify(await rowsOf(engine, 'DESC CONNECTION chat'))).not.toContain(SECRET);
  });

  it('prints the CREATE statement with secrets masked', async () => {
    const [[text]] = (await rowsOf(engine, 'SHOW CREATE CONNECTION bedrock_conn')) as [[string]];
    expect(text).toBe(
      [
        'CREATE CONNECTION `bedrock_conn`',
        'WITH (',
        "  'type' = 'testaws',",
        "  'endpoint' = 'https://x.example.com/',",
        "  'aws-access-key' = '*****',",
        "  'aws-secret-key' = '*****'",
        ')',
      ].join('\n'),
    );
    const [[envText]] = (await rowsOf(engine, 'SHOW CREATE CONNECTION `chat-2`')) as [[string]];
    expect(envText).toContain("COMMENT 'second'");
    expect(envText).toContain("'api-key' = '${env:OPENAI_KEY}'");
  });
});
