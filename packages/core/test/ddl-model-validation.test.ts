import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralErrors, type Engine, type LateralError } from '@lateral/core';
import {
  CHAT_CONNECTION,
  errorWithCode,
  errorsOf,
  failureOf,
  messageOf,
  openEngine,
  run,
  temporaryDataDir,
} from './engine-test-kit.js';

let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
  await run(
    engine,
    `${CHAT_CONNECTION};
     CREATE CONNECTION aws WITH ('type' = 'testaws', 'endpoint' = 'https://x.example.com/', 'aws-access-key' = 'AKIA1234', 'aws-secret-key' = 'abcd1234')`,
  );
});
afterEach(async () => {
  await cleanup();
});

/** A CREATE MODEL whose WITH clause starts on line 2, one option per line from column 3. */
function createModel(options: string[], columns = 'INPUT (text STRING) OUTPUT (label STRING)'): string {
  return `CREATE MODEL m ${columns} WITH (\n${options.map((option) => `  ${option}`).join(',\n')}\n)`;
}

const BASE = ["'provider' = 'testai'", "'task' = 'classification'", "'testai.connection' = 'chat'"];

async function only(sql: string): Promise<LateralError> {
  const errors = errorsOf(await failureOf(engine, sql));
  expect(errors.map((error) => `${error.code}: ${error.message}`)).toHaveLength(1);
  return errors[0] as LateralError;
}

describe('CREATE MODEL validation', () => {
  it('accepts a complete model and reports the documented message', async () => {
    expect(await messageOf(engine, createModel(BASE))).toBe('`m` with version 1 created. Default version: 1');
  });

  it('requires provider, naming where', async () => {
    const error = await only(createModel(["'task' = 'classification'"]));
    expect(error.code).toBe('LATERAL_ERR_OPTION_MISSING');
    expect(error.message).toContain("'provider'");
    expect(error.location?.start).toMatchObject({ line: 1, column: 14 });
  });

  it('lists the providers Lateral has when the provider is unknown, at the provider option', async () => {
    const error = await only(createModel(["'provider' = 'Bedrock2'", "'task' = 'classification'"]));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_UNKNOWN');
    expect(error.message).toBe(
      "Provider 'bedrock2' is not supported by Lateral. Model providers: anthropic, azureml, azureopenai, bedrock, confluent, fireworksai, googleai, local, openai, sagemaker, vertexai.",
    );
    expect(error.location?.start).toMatchObject({ line: 2, column: 3 });
  });

  it('names the package of a known provider that is not installed', async () => {
    const error = await only(createModel(["'provider' = 'vertexai'", "'task' = 'classification'"]));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_UNKNOWN');
    expect(error.message).toBe("Provider 'vertexai' is not installed: add @lateral/provider-vertexai (pnpm add @lateral/provider-vertexai).");
  });

  it('requires a known task and lists the five', async () => {
    expect((await only(createModel(["'provider' = 'testai'", "'testai.connection' = 'chat'"]))).code).toBe('LATERAL_ERR_OPTION_MISSING');
    const error = await only(createModel(["'provider' = 'testai'", "'task' = 'translation'", "'testai.connection' = 'chat'"]));
    expect(error.code).toBe('LATERAL_ERR_TASK_UNKNOWN');
    expect(error.message).toBe("Task value 'translation' is not supported. Supported values are: classification, clustering, embedding, regression, text_generation.");
    expect(error.location?.start).toMatchObject({ line: 3, column: 3 });
  });

  it('accepts task and provider in any case', async () => {
    expect(await messageOf(engine, createModel(["'PROVIDER' = 'TestAI'", "'Task' = 'CLASSIFICATION'", "'TESTAI.CONNECTION' = 'chat'"]))).toContain('created');
    expect(engine.catalog.getModel('m')).toMatchObject({ task: 'classification', providerId: 'testai' });
  });

  it('requires the connection of a provider that needs one', async () => {
    const error = await only(createModel(["'provider' = 'testai'", "'task' = 'classification'"]));
    expect(error.code).toBe('LATERAL_ERR_OPTION_MISSING');
    expect(error.message).toContain("'testai.connection'");
  });

  it('requires the connection to exist and to be of a type the provider serves', async () => {
    const missing = await only(createModel(["'provider' = 'testai'", "'task' = 'classification'", "'testai.connection' = 'nope'"]));
    expect(missing.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(missing.location?.start).toMatchObject({ line: 4, column: 3 });
    const mismatch = await only(createModel(["'provider' = 'testai'", "'task' = 'classification'", "'testai.connection' = 'aws'"]));
    expect(mismatch.code).toBe('LATERAL_ERR_CONNECTION_TYPE_MISMATCH');
    expect(mismatch.message).toContain("'testaws'");
  });

  it('rejects unknown keys, listing what is allowed', async () => {
    const error = await only(createModel([...BASE, "'testai.colour' = 'blue'"]));
    expect(error.code).toBe('LATERAL_ERR_OPTION_UNKNOWN');
    expect(error.message).toContain("'testai.colour'");
    expect(error.expected).toContain('testai.model_version');
    expect(error.expected).toContain('testai.deployment_name');
    expect(error.expected).toContain('testai.params.*');
    expect(error.location?.start).toMatchObject({ line: 5, column: 3 });
  });

  it("names another provider's prefix", async () => {
    const error = await only(createModel([...BASE, "'bedrock.model_version' = 'x'"]));
    expect(error.code).toBe('LATERAL_ERR_OPTION_UNKNOWN');
    expect(error.message).toContain("belongs to provider 'bedrock'");
    expect(error.message).toContain("'testai.model_version'");
  });

  it('explains that legacy inline secrets now live on a connection', async () => {
    const error = await only(createModel([...BASE, "'testai.api_key' = 'sk-legacy-0001'"]));
    expect(error.code).toBe('LATERAL_ERR_OPTION_UNKNOWN');
    expect(error.message).toContain('live on a connection');
    expect(error.message).not.toContain('sk-legacy-0001');
  });

  it('types option values', async () => {
    const failure = await failureOf(
      engine,
      createModel([...BASE, "'testai.enable_logs' = 'maybe'", "'testai.client_timeout' = 'soon'", "'testai.max_batch_size' = '0'", "'testai.tokens_per_minute' = '1.5'"]),
    );
    expect(errorsOf(failure).map((error) => [error.code, error.details?.option])).toEqual([
      ['LATERAL_ERR_OPTION_INVALID', 'testai.enable_logs'],
      ['LATERAL_ERR_OPTION_INVALID', 'testai.client_timeout'],
      ['LATERAL_ERR_OPTION_INVALID', 'testai.max_batch_size'],
      ['LATERAL_ERR_OPTION_INVALID', 'testai.tokens_per_minute'],
    ]);
  });

  it('accepts the pacing and batching extensions', async () => {
    const sql = createModel([...BASE, "'testai.requests_per_minute' = '60'", "'testai.tokens_per_minute' = '10000'", "'testai.max_batch_size' = '8'", "'testai.client_timeout' = '120s'"]);
    expect(await messageOf(engine, sql)).toContain('created');
  });

  it('types params and limits them to 32', async () => {
    const bad = await only(createModel([...BASE, "'testai.params.temperature.float' = 'hot'"]));
    expect(bad.code).toBe('LATERAL_ERR_OPTION_INVALID');
    const many = Array.from({ length: 33 }, (_, index) => `'testai.params.p${index}' = '${index}'`);
    const limit = errorWithCode(await failureOf(engine, createModel([...BASE, ...many])), 'LATERAL_ERR_OPTION_PARAMS_LIMIT');
    expect(limit.message).toContain('32');
  });

  it('requires INPUT and OUTPUT', async () => {
    const failure = await failureOf(engine, createModel(BASE, ''));
    expect(errorsOf(failure).map((error) => error.code)).toEqual(['LATERAL_ERR_FORMAT_SCHEMA', 'LATERAL_ERR_FORMAT_SCHEMA']);
    expect(errorsOf(failure)[0]?.message).toContain('INPUT');
  });

  it('rejects an unknown format with the dialect message and the known ids', async () => {
    const error = await only(createModel([...BASE, "'testai.input_format' = 'SMOKE-SIGNALS'"]));
    expect(error.code).toBe('LATERAL_ERR_FORMAT_UNKNOWN');
    expect(error.message).toMatch(/^Unsupported ML Model input format: SMOKE-SIGNALS\./);
    expect(error.expected).toContain('OPENAI-CHAT');
    expect(error.location?.start).toMatchObject({ line: 5, column: 3 });
    const output = await only(createModel([...BASE, "'testai.output_format' = 'NOPE'"]));
    expect(output.message).toMatch(/^Unsupported ML Model output format: NOPE\./);
  });

  it("reports the format's schema checks", async () => {
    const error = await only(createModel(BASE, 'INPUT (a STRING, b STRING) OUTPUT (label STRING)'));
    expect(error.code).toBe('LATERAL_ERR_FORMAT_SCHEMA');
  });

  it("reports the provider's own checks", async () => {
    const error = await only(createModel(["'provider' = 'confluent'", "'task' = 'text_generation'", "'confluent.model' = 'unknown-model'"]));
    expect(error.code).toBe('LATERAL_ERR_LOCAL_MODEL_NOT_FOUND');
    expect(error.location?.start).toMatchObject({ line: 4, column: 3 });
  });

  it('accepts the confluent provider options without a connection', async () => {
    const sql = createModel([
      "'provider' = 'confluent'",
      "'task' = 'text_generation'",
      "'confluent.model' = 'meta-llama/Llama-3.1-8B-Instruct'",
      "'confluent.system_prompt' = 'Be brief.'",
      "'confluent.params.temperature' = '0.1'",
      "'confluent.input_format' = 'confluent-chat'",
    ]);
    expect(await messageOf(engine, sql)).toContain('created');
    const missing = await only(createModel(["'provider' = 'confluent'", "'task' = 'text_generation'"]));
    expect(missing.code).toBe('LATERAL_ERR_OPTION_MISSING');
    expect(missing.message).toContain("'confluent.model'");
  });

  it("refuses 'default_version' at CREATE and an unknown mcp.connection", async () => {
    expect((await only(createModel([...BASE, "'default_version' = '1'"]))).message).toContain('ALTER MODEL');
    expect((await only(createModel([...BASE, "'mcp.connection' = 'tools'"]))).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
  });

  it('collects every problem of a statement, each at its own option', async () => {
    const failure = await failureOf(
      engine,
      createModel(["'provider' = 'testai'", "'task' = 'guessing'", "'testai.connection' = 'nope'", "'testai.colour' = 'red'", "'testai.enable_logs' = 'perhaps'"]),
    );
    expect(failure).toBeInstanceOf(LateralErrors);
    const located = errorsOf(failure).map((error) => [error.code, error.location?.start.line]);
    expect(located).toEqual(
      expect.arrayContaining([
        ['LATERAL_ERR_TASK_UNKNOWN', 3],
        ['LATERAL_ERR_CATALOG_NOT_FOUND', 4],
        ['LATERAL_ERR_OPTION_UNKNOWN', 5],
        ['LATERAL_ERR_OPTION_INVALID', 6],
      ]),
    );
    for (const error of errorsOf(failure)) {
      expect(error.statementText).toContain('CREATE MODEL m');
      expect(error.details?.statementIndex).toBe(0);
    }
    expect(engine.catalog.getModel('m')).toBeUndefined();
  });

  it('reports the statement index within a script', async () => {
    const failure = await failureOf(engine, `SHOW MODELS; ${createModel(["'provider' = 'testai'"])}`);
    expect(errorsOf(failure)[0]?.details?.statementIndex).toBe(1);
  });
});
