// Shared fakes for the query engine's tests: a catalog with tables and resolved models, and
// inference runtimes that compute outputs locally (no HTTP), count what they pull, or fail.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type DataType, type ObjectName, type QueryStatement, type InsertStatement } from '@lateral/parser';
import {
  builtinConnectorsPlugin,
  executeInsert,
  executeQuery,
  LateralError,
  PluginRegistry,
  ProviderCallError,
  type Column,
  type AnyConnector,
  type ConnectorV1,
  type ResolvedModel,
  type Row,
} from '@lateral/core';
// A relative import: core does not depend on the package (the package depends on core).
import { plugin as filesystemPlugin } from '../../connector-filesystem/src/index.js';
import type { Catalog, ModelEntry, TableEntry } from '../src/catalog/catalog.js';
import type { EngineContext } from '../src/engine/engine-context.js';
import type { InferenceInput, InferenceOutput, InferenceRuntime, InvocationConfig } from '../src/inference/inference-runtime.js';

export const t = {
  string: (): DataType => ({ kind: 'STRING', nullable: true }),
  int: (): DataType => ({ kind: 'INT', nullable: true }),
  bigint: (): DataType => ({ kind: 'BIGINT', nullable: true }),
  double: (): DataType => ({ kind: 'DOUBLE', nullable: true }),
  boolean: (): DataType => ({ kind: 'BOOLEAN', nullable: true }),
  bytes: (): DataType => ({ kind: 'BYTES', nullable: true }),
  date: (): DataType => ({ kind: 'DATE', nullable: true }),
  floats: (): DataType => ({ kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true }),
  notNull: (type: DataType): DataType => ({ ...type, nullable: false }),
};

export const col = (name: string, dataType: DataType): Column => ({ name, dataType });

export function table(name: string, columns: Column[], options: Record<string, string> = {}): TableEntry {
  return { name, columns, options, createdAt: '2025-01-01T00:00:00Z' };
}

export function model(name: string, input: Column[], output: Column[], extra: Partial<ResolvedModel> = {}): ResolvedModel {
  return {
    name,
    version: 1,
    providerId: 'fake',
    task: 'text_generation',
    input,
    output,
    inputFormat: { id: 'JSON' },
    outputFormat: { id: 'JSON' },
    params: {},
    providerOptions: {},
    ...extra,
  };
}

/** The models most tests use. */
export const MODELS = {
  summarizer: model('summarizer', [col('prompt', t.string())], [col('summary', t.string())]),
  emb: model('emb', [col('text', t.string())], [col('embedding', t.floats())], { task: 'embedding' }),
  scorer: model('scorer', [col('text', t.string()), col('weight', t.int())], [col('score', t.int()), col('label', t.string())], {
    task: 'classification',
  }),
  pairer: model('pairer', [col('a', t.string()), col('b', t.string())], [col('joined', t.string())]),
};

/** Outputs computed from inputs, per model name. `scorer` answers its INT as text to exercise coercion. */
export function defaultCompute(model: ResolvedModel, values: Row): Row {
  switch (model.name) {
    case 'summarizer':
      return [values[0] === null ? 'nothing' : `summary of ${String(values[0])}`];
    case 'emb':
      return [[String(values[0] ?? '').length, 0.5]];
    case 'scorer':
      return [String(String(values[0]).length * Number(values[1])), 'pos'];
    case 'pairer':
      return [`${String(values[0])}+${String(values[1])}`];
    default:
      return model.output.map(() => null);
  }
}

export class FakeCatalog implements Catalog {
  readonly tables = new Map<string, TableEntry>();
  readonly models = new Map<string, ResolvedModel>();

  constructor(tables: TableEntry[] = [], models: ResolvedModel[] = Object.values(MODELS)) {
    for (const entry of tables) this.tables.set(entry.name, entry);
    for (const entry of models) this.models.set(entry.name, entry);
  }

  getConnection() {
    return undefined;
  }
  listConnections() {
    return [];
  }
  getModel(): ModelEntry | undefined {
    return undefined;
  }
  listModels(): ModelEntry[] {
    return [];
  }
  getTable(name: string) {
    return this.tables.get(name) ?? [...this.tables.values()].find((e) => e.name.toLowerCase() === name.toLowerCase());
  }
  listTables() {
    return [...this.tables.values()];
  }
  resolveModel(name: ObjectName): ResolvedModel {
    const found = this.models.get(name.parts[name.parts.length - 1]!);
    if (!found) throw new LateralError({ code: 'LATERAL_ERR_CATALOG_NOT_FOUND', message: `Model '${name.parts.join('.')}' does not exist` });
    return found;
  }
}

export interface SessionRecord {
  model: string;
  config: InvocationConfig;
  /** Model-input rows pulled from the operator, in order. */
  inputs: Row[];
  /** How many model-input rows were pulled from the operator. */
  pulled: number;
  /** Rows whose outputs were handed back. */
  emitted: number;
  /** The most rows pulled but not yet handed back at any moment. */
  maxInFlight: number;
  /** Set when the consumer closed the session's iterator early. */
  closedEarly: boolean;
}

export interface FakeRuntimeOptions {
  compute?: (model: ResolvedModel, values: Row) => Row;
  /** Fail (after the retry policy, as the real runtime would) when this 1-based row is reached. */
  failAtRow?: number;
  /** Keep the input rows for inspection (off for the large streaming tests). */
  recordInputs?: boolean;
}

/**
 * A runtime that answers locally: it pulls one input batch, answers it, and pulls the next only
 * after the consumer took the outputs (a window of one batch), recording what it saw.
 */
export class FakeRuntime implements InferenceRuntime {
  readonly sessions: SessionRecord[] = [];

  constructor(private readonly options: FakeRuntimeOptions = {}) {}

  openSession(model: ResolvedModel, config: InvocationConfig) {
    const record: SessionRecord = { model: model.name, config, inputs: [], pulled: 0, emitted: 0, maxInFlight: 0, closedEarly: false };
    const recordInputs = this.options.recordInputs ?? true;
    this.sessions.push(record);
    const compute = this.options.compute ?? defaultCompute;
    const failAtRow = this.options.failAtRow;
    return {
      async *process<T>(inputs: AsyncIterable<Array<InferenceInput<T>>>): AsyncGenerator<Array<InferenceOutput<T>>> {
        let finished = false;
        try {
          for await (const batch of inputs) {
            const outputs: Array<InferenceOutput<T>> = [];
            record.maxInFlight = Math.max(record.maxInFlight, record.pulled + batch.length - record.emitted);
            for (const input of batch) {
              record.pulled++;
              if (recordInputs) record.inputs.push(input.values);
              if (failAtRow !== undefined && record.pulled === failAtRow) {
                throw new ProviderCallError({
                  code: 'LATERAL_ERR_PROVIDER_HTTP',
                  message: `Received bad response code 400 message Bad Request at row ${failAtRow}`,
                  providerId: 'fake',
                  status: 400,
                  retryable: false,
                });
              }
              outputs.push({ tag: input.tag, output: compute(model, input.values) });
            }
            record.emitted += outputs.length;
            yield outputs;
          }
          finished = true;
        } finally {
          if (!finished) record.closedEarly = true;
        }
      },
    };
  }

  async close(): Promise<void> {}
}

export interface TestContext extends EngineContext {
  catalog: FakeCatalog;
  inference: FakeRuntime;
}

export function createContext(options: { dataDir: string; tables?: TableEntry[]; runtime?: FakeRuntime; connectors?: AnyConnector[] }): TestContext {
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinConnectorsPlugin);
  registry.registerPlugin(filesystemPlugin);
  for (const connector of options.connectors ?? []) registry.registerConnector(connector);
  return {
    catalog: new FakeCatalog(options.tables),
    registry,
    inference: options.runtime ?? new FakeRuntime(),
    dataDir: options.dataDir,
    settings: new Map(),
    environment: {},
  };
}

export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'lateral-query-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export function parseOne<T extends QueryStatement | InsertStatement>(sql: string): T {
  const [statement] = parse(sql).statements;
  return statement as T;
}

/** Runs a query and collects its rows as objects keyed by column name. */
export async function query(context: EngineContext, sql: string): Promise<{ columns: Column[]; rows: Row[]; objects: Array<Record<string, unknown>> }> {
  const result = await executeQuery(parseOne<QueryStatement>(sql), context);
  const rows: Row[] = [];
  for await (const batch of result.rows) rows.push(...batch);
  const objects = rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
  return { columns: result.columns, rows, objects };
}

export async function insert(context: EngineContext, sql: string): Promise<string> {
  return (await executeInsert(parseOne<InsertStatement>(sql), context)).message;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<LateralError> {
  try {
    await promise;
  } catch (error) {
    if (LateralError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the statement to fail');
}

/** A connector that generates `rows` rows lazily and counts how many it has produced. */
export function generatorConnector(stats: { produced: number }): ConnectorV1 {
  return {
    specificationVersion: 'v1',
    id: 'generator',
    validate: () => [],
    async *read(definition) {
      const total = Number(definition.options['rows'] ?? '0');
      const batchSize = Number(definition.options['batch'] ?? '1000');
      for (let start = 0; start < total; start += batchSize) {
        const batch: Row[] = [];
        for (let i = start; i < Math.min(total, start + batchSize); i++) batch.push([i, `text ${i}`]);
        stats.produced += batch.length;
        yield batch;
      }
    },
    async openSink() {
      throw new Error('generator tables are read-only');
    },
  };
}
