import { describe, expect, it } from 'vitest';
import { expectFailure, expectNoSecrets, expectSuccess, lateral, newDataDir, positionOf } from './fixtures/cli-kit.js';

/**
 * Mistakes in CREATE CONNECTION / CREATE MODEL through the CLI: a missing secret, a secret of the
 * wrong kind for the connection type, an unknown format, a schema the format cannot serve. Each
 * gives its code at the statement's line and column, a caret excerpt, a non-zero exit, and no
 * secret value anywhere. Nothing is sent: the endpoints point at a closed loopback port.
 */
const NOWHERE = 'http://127.0.0.1:9';
const OPENAI_KEY = 'sk-e2e-config-error-key-0123456789abcdef';
const AWS_SECRET = 'e2e/aws/secret/key/NEVER-PRINT-0123456789';
const SERVICE_KEY_MARKER = 'MIIEe2eNEVERPRINTserviceKEYbody0123456789';

interface ConfigCase {
  name: string;
  sql: string;
  code: string;
  /** The text the error points at (its first occurrence gives line and column). */
  at: string;
  /** Words the message must contain. */
  says: string[];
  secrets: string[];
}

const OPENAI_CONNECTION = `CREATE CONNECTION chat WITH (
  'type' = 'openai',
  'endpoint' = '${NOWHERE}/v1/chat/completions',
  'api-key' = '${OPENAI_KEY}');`;

const CASES: ConfigCase[] = [
  {
    name: 'a missing api-key (openai)',
    sql: `CREATE CONNECTION nokey WITH (
  'type' = 'openai',
  'endpoint' = '${NOWHERE}/v1/chat/completions');`,
    code: 'LATERAL_ERR_SECRET_MISSING',
    at: 'nokey',
    says: ["'api-key'"],
    secrets: [],
  },
  {
    name: 'a missing aws-secret-key (bedrock)',
    sql: `CREATE CONNECTION half WITH ('type' = 'bedrock',
  'endpoint' = '${NOWHERE}/model/amazon.titan-text-express-v1/invoke',
  'aws-access-key' = 'AKIDE2EHALFKEY');`,
    code: 'LATERAL_ERR_SECRET_MISSING',
    at: 'half',
    says: ["'aws-secret-key'"],
    secrets: [],
  },
  {
    name: 'a missing service-key (vertexai)',
    sql: `CREATE CONNECTION vx WITH ('type' = 'vertexai', 'endpoint' = '${NOWHERE}/v1/projects/p/locations/us-central1/endpoints/1');`,
    code: 'LATERAL_ERR_SECRET_MISSING',
    at: 'vx',
    says: ["'service-key'"],
    secrets: [],
  },
  {
    name: 'an aws-secret-key on an openai connection',
    sql: `CREATE CONNECTION mixed WITH (
  'type' = 'openai',
  'endpoint' = '${NOWHERE}/v1/chat/completions',
  'api-key' = '${OPENAI_KEY}',
  'aws-secret-key' = '${AWS_SECRET}');`,
    code: 'LATERAL_ERR_SECRET_NOT_ALLOWED',
    at: `'aws-secret-key'`,
    says: ['aws-secret-key', 'openai', 'api-key'],
    secrets: [OPENAI_KEY, AWS_SECRET],
  },
  {
    name: 'an api-key on a bedrock connection',
    sql: `CREATE CONNECTION br WITH ('type' = 'bedrock', 'endpoint' = '${NOWHERE}/model/amazon.titan-text-express-v1/invoke',
  'aws-access-key' = 'AKIDE2E', 'aws-secret-key' = '${AWS_SECRET}',
  'api-key' = '${OPENAI_KEY}');`,
    code: 'LATERAL_ERR_SECRET_NOT_ALLOWED',
    at: `'api-key'`,
    says: ['api-key', 'bedrock', 'aws-access-key, aws-secret-key, aws-session-token'],
    secrets: [OPENAI_KEY, AWS_SECRET],
  },
  {
    name: 'a service-key on an anthropic connection',
    sql: `CREATE CONNECTION an WITH ('type' = 'anthropic', 'endpoint' = '${NOWHERE}/v1/messages', 'api-key' = '${OPENAI_KEY}',
  'service-key' = '{"private_key": "${SERVICE_KEY_MARKER}"}');`,
    code: 'LATERAL_ERR_SECRET_NOT_ALLOWED',
    at: `'service-key'`,
    says: ['service-key', 'anthropic'],
    secrets: [OPENAI_KEY, SERVICE_KEY_MARKER],
  },
  {
    name: 'an unknown input format',
    sql: `${OPENAI_CONNECTION}
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat',
        'openai.input_format' = 'OPENAI-CHATTY');`,
    code: 'LATERAL_ERR_FORMAT_UNKNOWN',
    at: `'openai.input_format'`,
    says: ['OPENAI-CHATTY', 'OPENAI-CHAT'],
    secrets: [OPENAI_KEY],
  },
  {
    name: 'an unknown output format',
    sql: `${OPENAI_CONNECTION}
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat',
        'openai.output_format' = 'XML');`,
    code: 'LATERAL_ERR_FORMAT_UNKNOWN',
    at: `'openai.output_format'`,
    says: ['XML'],
    secrets: [OPENAI_KEY],
  },
  {
    name: 'two INPUT columns for OPENAI-CHAT',
    sql: `${OPENAI_CONNECTION}
CREATE MODEL twoinputs INPUT (title STRING, body STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat');`,
    code: 'LATERAL_ERR_FORMAT_SCHEMA',
    at: 'twoinputs',
    says: ['OPENAI-CHAT', 'single input column'],
    secrets: [OPENAI_KEY],
  },
  {
    name: 'a STRING output for an embedding format',
    sql: `CREATE CONNECTION emb WITH ('type' = 'openai', 'endpoint' = '${NOWHERE}/v1/embeddings', 'api-key' = '${OPENAI_KEY}');
CREATE MODEL badvec INPUT (text STRING) OUTPUT (embedding STRING)
  WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'emb');`,
    code: 'LATERAL_ERR_FORMAT_SCHEMA',
    at: 'badvec',
    says: ['ARRAY<FLOAT>'],
    secrets: [OPENAI_KEY],
  },
];

describe('configuration errors through the CLI: coded, located, non-zero, no secrets', () => {
  it.each(CASES)('$name → $code', async ({ sql, code, at, says, secrets }) => {
    const dir = newDataDir();
    const run = await lateral(dir, sql);
    const stderr = expectFailure(run, code, positionOf(sql, at));
    for (const words of says) expect(stderr).toContain(words);
    expect(run.stdout).toBe('');
    expectNoSecrets(run, secrets);
  });

  it('a ${env:…} secret whose variable is unset fails when the query runs, naming the variable, not a value', async () => {
    const dir = newDataDir();
    const sql = `CREATE CONNECTION envchat WITH ('type' = 'openai', 'endpoint' = '${NOWHERE}/v1/chat/completions', 'api-key' = '\${env:LATERAL_E2E_UNSET_KEY}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'envchat');
SELECT label FROM LATERAL TABLE(ML_PREDICT('m', 'hello'));`;
    const run = await lateral(dir, sql, { env: { LATERAL_E2E_UNSET_KEY: undefined } });
    const stderr = expectFailure(run, 'LATERAL_ERR_SECRET_ENV_UNSET', positionOf(sql, "m', 'hello'"));
    expect(stderr).toContain('LATERAL_E2E_UNSET_KEY');
    // the statements before the query were accepted and kept
    const models = await lateral(dir, 'SHOW MODELS;');
    expectSuccess(models);
    expect(models.rows).toEqual([{ 'Model Name': 'm' }]);
  });

  it('a failed CREATE leaves nothing behind and earlier statements stay done', async () => {
    const dir = newDataDir();
    const sql = `${OPENAI_CONNECTION}
CREATE MODEL twoinputs INPUT (title STRING, body STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat');`;
    expectFailure(await lateral(dir, sql), 'LATERAL_ERR_FORMAT_SCHEMA', positionOf(sql, 'twoinputs'));
    const after = await lateral(dir, 'SHOW CONNECTIONS; SHOW MODELS;');
    expectSuccess(after);
    expect(after.rows).toEqual([{ Name: 'chat' }]);
  });
});
