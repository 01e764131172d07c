import { parse, type ObjectName } from '@lateral/parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralError } from '@lateral/core';
import { CHAT_CONNECTION, openEngine, run, temporaryDataDir } from './engine-test-kit.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await temporaryDataDir());
});
afterEach(async () => {
  await cleanup();
});

function modelName(text: string): ObjectName {
  const statement = parse(`DROP MODEL ${text}`).statements[0];
  if (statement?.type !== 'drop') throw new Error('unexpected parse');
  return statement.name;
}

function caught(work: () => unknown): LateralError {
  try {
    work();
  } catch (error) {
    if (LateralError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const SUMMARIZER_V1 = `CREATE MODEL summarizer INPUT (prompt STRING) OUTPUT (summary STRING)
  WITH ('provider' = 'testai', 'task' = 'text_generation', 'testai.connection' = 'chat',
        'testai.model_version' = 'gpt-4o-mini', 'testai.system_prompt' = 'Summarize in one sentence.',
        'testai.PARAMS.temperature' = '0.2', 'testai.params.max_tokens' = '200', 'TESTAI.client_timeout' = '60',
        'testai.deployment_name' = 'dep-1', 'testai.requests_per_minute' = '600')`;
const SUMMARIZER_V2 = `CREATE MODEL summarizer INPUT (prompt STRING) OUTPUT (summary STRING)
  WITH ('provider' = 'testai', 'task' = 'text_generation', 'testai.connection' = 'chat',
        'testai.system_prompt' = 'Summarize in five words.', 'testai.input_format' = 'mistral-chat')`;

describe('resolveModel', () => {
  it('resolves the default version with typed options, params, formats and the connection', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SUMMARIZER_V1}; ${SUMMARIZER_V2}`);
    const model = engine.catalog.resolveModel(modelName('summarizer'), {});
    expect(model).toMatchObject({
      name: 'summarizer',
      version: 1,
      providerId: 'testai',
      task: 'text_generation',
      inputFormat: { id: 'OPENAI-CHAT' },
      outputFormat: { id: 'OPENAI-CHAT' },
      modelVersion: 'gpt-4o-mini',
      systemPrompt: 'Summarize in one sentence.',
      clientTimeoutMs: 60_000,
      params: { temperature: 0.2, max_tokens: 200 },
      input: [{ name: 'prompt', dataType: { kind: 'STRING', nullable: true } }],
      output: [{ name: 'summary', dataType: { kind: 'STRING', nullable: true } }],
      connection: {
        name: 'chat',
        type: 'testai',
        endpoint: 'http://127.0.0.1:9/v1/chat/completions',
        options: {},
        secrets: { 'api-key': 'sk-test-SECRET-0001' },
      },
    });
    expect(model.providerOptions).toEqual({
      connection: 'chat',
      model_version: 'gpt-4o-mini',
      system_prompt: 'Summarize in one sentence.',
      'params.temperature': '0.2',
      'params.max_tokens': '200',
      client_timeout: '60',
      deployment_name: 'dep-1',
      requests_per_minute: '600',
    });
  });

  it('resolves name$n, with an explicit input format normalised to its canonical id', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SUMMARIZER_V1}; ${SUMMARIZER_V2}`);
    const model = engine.catalog.resolveModel(modelName('`summarizer$2`'), {});
    expect(model.version).toBe(2);
    expect(model.inputFormat).toEqual({ id: 'MISTRAL-CHAT' });
    expect(model.systemPrompt).toBe('Summarize in five words.');
    expect(model.modelVersion).toBeUndefined();
  });

  it('derives the default format from the connection endpoint', async () => {
    const engine = await openEngine(dir);
    await run(
      engine,
      `CREATE CONNECTION emb WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1:9/v1/embeddings', 'api-key' = 'k-12345');
       CREATE MODEL e INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>) WITH ('provider' = 'testai', 'task' = 'embedding', 'testai.connection' = 'emb')`,
    );
    expect(engine.catalog.resolveModel(modelName('e'), {}).inputFormat).toEqual({ id: 'OPENAI-EMBED' });
  });

  it('keeps a wrapper given with the format name', async () => {
    const engine = await openEngine(dir);
    await run(
      engine,
      `${CHAT_CONNECTION};
       CREATE MODEL m INPUT (a INT, b DOUBLE) OUTPUT (score DOUBLE)
       WITH ('provider' = 'testai', 'task' = 'regression', 'testai.connection' = 'chat', 'testai.input_format' = 'JSON:instances', 'testai.output_format' = 'json:outputs')`,
    );
    const model = engine.catalog.resolveModel(modelName('m'), {});
    expect(model.inputFormat).toEqual({ id: 'JSON', wrapper: 'instances' });
    expect(model.outputFormat).toEqual({ id: 'JSON', wrapper: 'outputs' });
  });

  it('fails for an unknown model, an unknown version and $all, at the name', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${CHAT_CONNECTION}; ${SUMMARIZER_V1}`);
    const missing = caught(() => engine.catalog.resolveModel(modelName('nope'), {}));
    expect(missing.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(missing.location?.start.column).toBe(12);
    expect(caught(() => engine.catalog.resolveModel(modelName('`summarizer$7`'), {})).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(caught(() => engine.catalog.resolveModel(modelName('`summarizer$all`'), {})).code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
  });
});

describe('${env:NAME} references', () => {
  const ENV_CONNECTION = `CREATE CONNECTION chat WITH ('type' = 'testai', 'endpoint' = 'http://\${env:FAKE_HOST}/v1/chat/completions',
    'api-key' = '\${env:TEST_API_KEY}', 'region' = 'eu-\${env:REGION_SUFFIX}')`;
  const ENV_MODEL = `CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
    WITH ('provider' = 'testai', 'task' = 'classification', 'testai.connection' = 'chat', 'testai.system_prompt' = 'Be \${env:TONE}.')`;

  it('stores references as written and resolves them at run time', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${ENV_CONNECTION}; ${ENV_MODEL}`);
    expect(engine.catalog.connectionSecrets('chat')).toEqual({ 'api-key': '${env:TEST_API_KEY}' });
    const model = engine.catalog.resolveModel(modelName('m'), {
      FAKE_HOST: '127.0.0.1:8080',
      TEST_API_KEY: 'sk-from-env-123',
      REGION_SUFFIX: 'west-1',
      TONE: 'brief',
    });
    expect(model.connection).toMatchObject({
      endpoint: 'http://127.0.0.1:8080/v1/chat/completions',
      secrets: { 'api-key': 'sk-from-env-123' },
      options: { region: 'eu-west-1' },
    });
    expect(model.systemPrompt).toBe('Be brief.');
  });

  it('names the unset variable and the connection option, never a value', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${ENV_CONNECTION}; ${ENV_MODEL}`);
    const error = caught(() =>
      engine.catalog.resolveModel(modelName('m'), { FAKE_HOST: 'h', REGION_SUFFIX: 'x', TONE: 'calm', OTHER: 'sk-unrelated-secret' }),
    );
    expect(error.code).toBe('LATERAL_ERR_SECRET_ENV_UNSET');
    expect(error.message).toContain("'TEST_API_KEY'");
    expect(error.message).toContain("'api-key'");
    expect(error.message).toContain("connection 'chat'");
    expect(error.location).toBeDefined();
  });

  it('names a model option whose variable is unset', async () => {
    const engine = await openEngine(dir);
    await run(engine, `${ENV_CONNECTION}; ${ENV_MODEL}`);
    const error = caught(() => engine.catalog.resolveModel(modelName('m'), { FAKE_HOST: 'h', TEST_API_KEY: 'k', REGION_SUFFIX: 'x' }));
    expect(error.code).toBe('LATERAL_ERR_SECRET_ENV_UNSET');
    expect(error.message).toContain("'TONE'");
    expect(error.message).toContain("'testai.system_prompt' of model 'm' version 1");
  });
});
