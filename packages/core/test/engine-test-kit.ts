// Shared fixtures for the catalog, DDL and engine tests: a temporary data directory, a registry
// with core's real formats, tasks and connectors plus small fake providers, and helpers that run
// SQL through the Engine and collect what it yields.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  builtinConnectorsPlugin,
  builtinFormatsPlugin,
  builtinTasksPlugin,
  Engine,
  LateralError,
  LateralErrors,
  PluginRegistry,
  type InferenceRuntime,
  type LateralPluginV1,
  type ProviderV1,
  type Row,
  type StatementResult,
} from '@lateral/core';
// A relative import: core does not depend on the package (the package depends on core).
import { plugin as filesystemPlugin } from '../../connector-filesystem/src/index.js';
import type { PluginLoader } from '../src/engine/plugin-loader.js';

function unusedTransport(): never {
  throw new Error('DDL tests never send requests');
}

/** An OpenAI-like provider: one `api-key`, a non-secret `region`, a default format from the endpoint. */
export const testAiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'testai',
  connectionTypes: ['testai'],
  requiresConnection: true,
  connectionSchemas: [
    {
      types: ['testai'],
      secretKeys: ['api-key'],
      requiredKeys: ['api-key'],
      optionalKeys: [{ key: 'region', type: 'string', description: 'A region.' }],
      validateEndpoint: (endpoint) => (endpoint.includes('/forbidden') ? 'the path /forbidden is not an API' : undefined),
    },
  ],
  modelOptions: [
    { key: 'deployment_name', type: 'string', description: 'A deployment.' },
    { key: 'enable_logs', type: 'boolean', description: 'A flag.' },
  ],
  defaultInputFormat: ({ endpoint }) => (endpoint?.includes('/embeddings') ? 'OPENAI-EMBED' : 'OPENAI-CHAT'),
  createTransport: unusedTransport,
};

/** A Bedrock-like provider: AWS keys, access and secret key required. */
export const testAwsProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'testaws',
  connectionTypes: ['testaws'],
  requiresConnection: true,
  connectionSchemas: [
    {
      types: ['testaws'],
      secretKeys: ['aws-access-key', 'aws-secret-key', 'aws-session-token'],
      requiredKeys: ['aws-access-key', 'aws-secret-key'],
      optionalKeys: [],
      validateSecrets: (secrets) =>
        secrets['aws-access-key'] !== undefined && !/^A[KS]IA/.test(secrets['aws-access-key'])
          ? [{ code: 'LATERAL_ERR_OPTION_INVALID', option: 'aws-access-key', message: "'aws-access-key' does not look like an AWS access key id." }]
          : [],
    },
  ],
  modelOptions: [],
  defaultInputFormat: () => 'AMAZON-TITAN-TEXT',
  createTransport: unusedTransport,
};

/** An elastic-like provider: `{api-key}` or `{username, password}`. */
export const testRestProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'testrest',
  connectionTypes: ['testrest'],
  requiresConnection: true,
  connectionSchemas: [
    {
      types: ['testrest'],
      secretKeys: ['api-key', 'username', 'password'],
      requiredKeys: [],
      optionalKeys: [],
      oneOf: [['api-key'], ['username', 'password']],
    },
  ],
  modelOptions: [],
  defaultInputFormat: () => 'JSON',
  createTransport: unusedTransport,
};

/** Like the local package's `confluent`: no connection, `confluent.model` required. */
export const testManagedProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'confluent',
  connectionTypes: [],
  requiresConnection: false,
  connectionSchemas: [],
  modelOptions: [{ key: 'model', type: 'string', required: true, description: 'The managed model.' }],
  defaultInputFormat: ({ task }) => (task === 'embedding' ? 'OPENAI-EMBED' : 'CONFLUENT-CHAT'),
  validateModel: (model) =>
    model.providerOptions.model === 'unknown-model'
      ? [{ code: 'LATERAL_ERR_LOCAL_MODEL_NOT_FOUND', option: 'confluent.model', message: "No managed model 'unknown-model'." }]
      : [],
  createTransport: unusedTransport,
};

export const testProvidersPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/test-providers',
  provides: ['provider:testai', 'provider:testaws', 'provider:testrest', 'provider:confluent'],
  register(registrar) {
    for (const provider of [testAiProvider, testAwsProvider, testRestProvider, testManagedProvider]) registrar.registerProvider(provider);
  },
};

/** Core's formats, tasks and connectors, and optionally the fake providers. */
export function testRegistry(withProviders = true): PluginRegistry {
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(builtinTasksPlugin);
  registry.registerPlugin(builtinConnectorsPlugin);
  // The filesystem connector is a package (as the CLI loads it by name); tests register it up front.
  registry.registerPlugin(filesystemPlugin);
  if (withProviders) registry.registerPlugin(testProvidersPlugin);
  return registry;
}

/** Sessions open (the planner opens them eagerly) but fail if a row is ever sent. */
export const noInference: InferenceRuntime = {
  openSession: () => ({
    async *process(inputs) {
      for await (const batch of inputs) if (batch.length > 0) throw new Error('these tests run no inference');
    },
  }),
  async close() {},
};

export async function temporaryDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'lateral-catalog-'));
  // A fresh sub-directory, so the engine creates it (and gives it mode 0700).
  return { dir: join(parent, 'data'), cleanup: () => rm(parent, { recursive: true, force: true }) };
}

export interface TestEngineOptions {
  registry?: PluginRegistry;
  environment?: Record<string, string | undefined>;
  pluginLoader?: PluginLoader;
}

export function openEngine(dataDir: string, options: TestEngineOptions = {}): Promise<Engine> {
  return Engine.open({
    dataDir,
    registry: options.registry ?? testRegistry(),
    inference: noInference,
    environment: options.environment ?? {},
    ...(options.pluginLoader ? { pluginLoader: options.pluginLoader } : {}),
  });
}

/** A result with its rows drained. */
export type Collected =
  | { kind: 'message'; message: string; warnings?: string[] }
  | { kind: 'rows'; columns: string[]; rows: Row[] };

export async function collect(result: StatementResult): Promise<Collected> {
  if (result.kind === 'message') return { kind: 'message', message: result.message, ...(result.warnings ? { warnings: result.warnings } : {}) };
  const rows: Row[] = [];
  for await (const batch of result.rows) rows.push(...batch);
  return { kind: 'rows', columns: result.columns.map((column) => column.name), rows };
}

/** Runs a script and returns every statement's collected result. */
export async function run(engine: Engine, sql: string): Promise<Collected[]> {
  const results: Collected[] = [];
  for await (const result of engine.executeScript(sql, { source: 'test.sql' })) results.push(await collect(result));
  return results;
}

/** Runs a script of one statement and returns its result. */
export async function runOne(engine: Engine, sql: string): Promise<Collected> {
  const [result] = await run(engine, sql);
  if (!result) throw new Error('no result');
  return result;
}

export async function rowsOf(engine: Engine, sql: string): Promise<Row[]> {
  const result = await runOne(engine, sql);
  if (result.kind !== 'rows') throw new Error(`expected rows, got message: ${result.message}`);
  return result.rows;
}

export async function messageOf(engine: Engine, sql: string): Promise<string> {
  const result = await runOne(engine, sql);
  if (result.kind !== 'message') throw new Error('expected a message');
  return result.message;
}

/** The error a script fails with (the test fails if it does not). */
export async function failureOf(engine: Engine, sql: string): Promise<LateralError | LateralErrors> {
  try {
    await run(engine, sql);
  } catch (error) {
    if (error instanceof LateralErrors || LateralError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected the script to fail: ${sql}`);
}

/** Every LateralError of a failure, flattened. */
export function errorsOf(failure: LateralError | LateralErrors): LateralError[] {
  return failure instanceof LateralErrors ? failure.errors : [failure];
}

/** The one error with `code` (the test fails when there is none or several). */
export function errorWithCode(failure: LateralError | LateralErrors, code: string): LateralError {
  const matching = errorsOf(failure).filter((error) => error.code === code);
  if (matching.length !== 1) {
    throw new Error(`expected one ${code}, got: ${errorsOf(failure).map((error) => `${error.code}: ${error.message}`).join(' | ')}`);
  }
  return matching[0] as LateralError;
}

export const CHAT_CONNECTION = `CREATE CONNECTION chat WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1:9/v1/chat/completions', 'api-key' = 'sk-test-SECRET-0001')`;
export const EMBED_CONNECTION = `CREATE CONNECTION emb WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1:9/v1/embeddings', 'api-key' = 'sk-test-SECRET-0002')`;
export const SENTIMENT_MODEL = `CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING) COMMENT 'labels'
WITH ('provider' = 'testai', 'task' = 'classification', 'testai.connection' = 'chat')`;

/** An importer over a fixed set of packages that records what it was asked for (a missing one fails as Node's import does). */
export function fakeImporter(packages: Record<string, unknown>) {
  const requested: string[] = [];
  const importer = async (specifier: string) => {
    requested.push(specifier);
    if (specifier in packages) return packages[specifier];
    throw Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), { code: 'ERR_MODULE_NOT_FOUND' });
  };
  return { importer, requested };
}
