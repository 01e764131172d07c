import { context as otelContext } from '@opentelemetry/api';
import { startStatementSpan } from '../telemetry/telemetry-statement-span.js';
import type { Statement } from '@lateral/parser';
import { FileCatalog } from '../catalog/file-catalog.js';
import type { MutableCatalog } from '../catalog/mutable-catalog.js';
import { executeDdl } from '../ddl/ddl-dispatch.js';
import { LateralError } from '@lateral/spec';
import type { InferenceRuntime } from '../inference/inference-runtime.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { EngineContext } from './engine-context.js';
import { parseScript } from './parse-script.js';
import type { PluginLoader } from './plugin-loader.js';
import { executeInsert, executeQuery } from '../query/index.js';
import { guardRows, type GuardedRows } from './rows-guard.js';
import { withStatementContext } from './statement-errors.js';
import { ensureStatementPlugins } from './statement-plugins.js';
import type { StatementResult } from './statement-result.js';
import { StatementObservers, type StatementObserver } from './statement-observer.js';
import { expectedInferenceRows } from './expected-rows.js';

export interface EngineOptions {
  /** Where the catalog, secrets and memory tables live. */
  dataDir: string;
  registry: PluginRegistry;
  inference: InferenceRuntime;
  /** Where `${env:NAME}` references are read; `process.env` by default. */
  environment?: Record<string, string | undefined>;
  /** Cancels every statement of this engine. */
  signal?: AbortSignal;
  /** Loads `@lateral/provider-<id>` packages on first use; without it providers must be registered up front. */
  pluginLoader?: PluginLoader;
}

export interface ExecuteOptions {
  /** A name for the SQL text (a file path) used in error positions. */
  source?: string;
  /** Cancels this script. */
  signal?: AbortSignal;
  /**
   * Skips the statements before this index (0-based): a caller that goes on after a failure runs
   * the rest of the same text, so positions in errors stay those of the whole script.
   */
  fromStatement?: number;
}

/**
 * Runs scripts of the dialect against one data directory. A script is parsed whole first (a
 * syntax error runs nothing), then its statements run one by one; each result is yielded before
 * the next statement starts. Session settings (SET) live as long as the engine.
 */
export class Engine {
  private readonly settings = new Map<string, string>();
  private readonly observers = new StatementObservers();

  private constructor(
    private readonly options: EngineOptions,
    readonly catalog: MutableCatalog,
  ) {}

  static async open(options: EngineOptions): Promise<Engine> {
    return new Engine(options, FileCatalog.open(options.dataDir, options.registry));
  }

  get registry(): PluginRegistry {
    return this.options.registry;
  }

  /** Hears about every statement this engine runs (start, row batches, end); returns the unsubscribe. */
  observeStatements(observer: StatementObserver): () => void {
    return this.observers.add(observer);
  }

  /**
   * Yields one result per statement. A failing statement throws (with its location, text and
   * `details.statementIndex`) and ends the script; what earlier statements did stays done. A
   * rows result left undrained is closed before the next statement runs.
   */
  async *executeScript(sql: string, options: ExecuteOptions = {}): AsyncGenerator<StatementResult> {
    const script = parseScript(sql, options.source);
    const signal = combineSignals(this.options.signal, options.signal);
    const context = this.context(signal);
    let open: GuardedRows | undefined;
    try {
      for (const [index, statement] of script.statements.entries()) {
        if (index < (options.fromStatement ?? 0)) continue;
        await open?.close();
        open = undefined;
        let result: StatementResult;
        // One `lateral.statement` span per statement: the parent of its inference operator and
        // request spans. Rows are pulled after execute returns, so each pull re-enters its context.
        const span = startStatementSpan(statement.text);
        const event = {
          index,
          text: statement.text,
          type: statement.type,
          expectedRows: () => expectedInferenceRows(statement, { catalog: this.catalog, registry: this.options.registry, dataDir: this.options.dataDir }),
        };
        this.observers.started(event);
        try {
          throwIfAborted(signal);
          result = await otelContext.with(span.context, () => this.execute(statement, context));
        } catch (error) {
          const completed = withStatementContext(error, statement, index, sql);
          span.end(completed);
          this.observers.settled(event, completed);
          throw completed;
        }
        if (result.kind === 'rows') {
          open = guardRows(result, (error) => withStatementContext(error, statement, index, sql), {
            run: async (pull) => {
              const step = await otelContext.with(span.context, pull);
              const batch = (step as IteratorResult<unknown[]>).value;
              if (Array.isArray(batch)) this.observers.rows(event, batch.length);
              return step;
            },
            onSettled: (error) => {
              span.end(error);
              this.observers.settled(event, error);
            },
          });
          yield open.result;
        } else {
          span.end();
          this.observers.settled(event);
          yield result;
        }
      }
    } finally {
      await open?.close();
    }
  }

  private async execute(statement: Statement, context: EngineContext): Promise<StatementResult> {
    if (this.options.pluginLoader) await ensureStatementPlugins(statement, this.options.pluginLoader, this.catalog);
    switch (statement.type) {
      case 'query':
        return executeQuery(statement, context);
      case 'insert':
        return executeInsert(statement, context);
      default:
        return executeDdl(statement, { engine: context, catalog: this.catalog });
    }
  }

  private context(signal: AbortSignal | undefined): EngineContext {
    return {
      catalog: this.catalog,
      registry: this.options.registry,
      inference: this.options.inference,
      dataDir: this.options.dataDir,
      settings: this.settings,
      environment: this.options.environment ?? process.env,
      ...(signal ? { signal } : {}),
    };
  }
}

function combineSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LateralError({ code: 'LATERAL_ERR_ABORTED', message: 'The statement was cancelled.' });
}
