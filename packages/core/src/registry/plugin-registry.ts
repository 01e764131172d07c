import type { AnyConnector, ConnectorV2 } from '@lateral/spec';
import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { LateralPluginV1, PluginRegistrar } from '@lateral/spec';
import type { ProviderV1 } from '@lateral/spec';
import type { TableFunctionV1 } from '@lateral/spec';
import type { TaskV1 } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { declareSecretOptionKeys } from '../engine/redact-statement.js';
import { adaptConnectorV1 } from './connector-v1-adapter.js';
import { builtinTableFunctionsPlugin } from '../functions/index.js';
import { normalizeFormatName, splitWrapper } from '@lateral/spec';

const SUPPORTED_SPECIFICATION_VERSIONS = new Set(['v1']);
/** Connectors: v2 (streams: bounded, positions, flush/commit), and v1 through an adapter. */
const SUPPORTED_CONNECTOR_VERSIONS = new Set(['v1', 'v2']);

/** A resolved format reference: the format plus the wrapper from `NAME:wrapper` or from its alias. */
export interface FormatRef<F> {
  format: F;
  wrapper?: string;
}

function invalid(message: string): LateralError {
  return new LateralError({ code: 'LATERAL_ERR_PLUGIN_INVALID', message });
}

function checkVersion(kind: string, id: string, version: string, supported: ReadonlySet<string> = SUPPORTED_SPECIFICATION_VERSIONS): void {
  if (!supported.has(version)) {
    throw invalid(`${kind} '${id}' implements contract ${version}; this kernel supports ${[...supported].join(', ')}.`);
  }
}

/**
 * Formats are indexed by every normalised name. An alias written `NAME:wrapper` matches only when the
 * user writes that wrapper too; formats with a fixed wrapper (TF-SERVING-COLUMN = `JSON:inputs`)
 * are formats of their own.
 */
class FormatIndex<F extends { id: string; aliases: readonly string[]; specificationVersion: string }> {
  private readonly byName = new Map<string, FormatRef<F>>();

  constructor(private readonly kind: string) {}

  add(format: F): () => void {
    checkVersion(this.kind, format.id, format.specificationVersion);
    const entries: Array<[string, FormatRef<F>]> = [];
    for (const name of [format.id, ...format.aliases]) {
      const { name: bare, wrapper } = splitWrapper(name);
      const key = normalizeFormatName(bare) + (wrapper ? `:${wrapper}` : '');
      if (this.byName.has(key)) throw invalid(`${this.kind} name '${name}' is already registered.`);
      entries.push([key, { format, wrapper }]);
    }
    for (const [key, ref] of entries) this.byName.set(key, ref);
    return () => entries.forEach(([key]) => this.byName.delete(key));
  }

  /** `JSON:outputs` looks up `JSON` with wrapper `outputs`; an exact alias with wrapper wins. */
  resolve(name: string): FormatRef<F> | undefined {
    const { name: bare, wrapper } = splitWrapper(name);
    const normal = normalizeFormatName(bare);
    if (wrapper) {
      const exact = this.byName.get(`${normal}:${wrapper}`);
      if (exact) return exact;
      const base = this.byName.get(normal);
      return base ? { format: base.format, wrapper } : undefined;
    }
    return this.byName.get(normal);
  }

  ids(): string[] {
    return [...new Set([...this.byName.values()].map((ref) => ref.format.id))].sort();
  }
}

/**
 * The kernel's registry of plugins: providers, formats, tasks, connectors, table functions. Registration checks the
 * contract version, duplicate ids and declared dependencies, and returns an unregister handle.
 */
export class PluginRegistry implements PluginRegistrar {
  private readonly providers = new Map<string, ProviderV1>();
  private readonly tasks = new Map<string, TaskV1>();
  private readonly connectors = new Map<string, ConnectorV2>();
  /** Keyed by upper-case SQL name. */
  private readonly tableFunctions = new Map<string, TableFunctionV1>();
  private readonly inputFormats = new FormatIndex<InputFormatV1>('input format');
  private readonly outputFormats = new FormatIndex<OutputFormatV1>('output format');
  private readonly plugins = new Map<string, LateralPluginV1>();

  constructor() {
    // ML_PREDICT, AI_COMPLETE and AI_EMBEDDING are the dialect's own: every registry starts with
    // them, registered as a plugin's table functions are.
    this.registerPlugin(builtinTableFunctionsPlugin);
  }

  registerPlugin(plugin: LateralPluginV1): () => void {
    checkVersion('plugin', plugin.name, plugin.specificationVersion);
    if (this.plugins.has(plugin.name)) return () => undefined;
    const missing = (plugin.dependencies ?? []).filter((dependency) => !this.has(dependency));
    if (missing.length > 0) {
      throw invalid(`plugin '${plugin.name}' needs ${missing.join(', ')}, which no registered plugin provides.`);
    }
    const handles: Array<() => void> = [];
    const scoped: PluginRegistrar = {
      registerProvider: (p) => remember(this.registerProvider(p)),
      registerInputFormat: (f) => remember(this.registerInputFormat(f)),
      registerOutputFormat: (f) => remember(this.registerOutputFormat(f)),
      registerTask: (t) => remember(this.registerTask(t)),
      registerConnector: (c) => remember(this.registerConnector(c)),
      registerTableFunction: (f) => remember(this.registerTableFunction(f)),
    };
    function remember(handle: () => void): () => void {
      handles.push(handle);
      return handle;
    }
    try {
      plugin.register(scoped);
    } catch (error) {
      handles.reverse().forEach((handle) => handle());
      throw error;
    }
    this.plugins.set(plugin.name, plugin);
    return () => {
      handles.reverse().forEach((handle) => handle());
      this.plugins.delete(plugin.name);
    };
  }

  registerProvider(provider: ProviderV1): () => void {
    checkVersion('provider', provider.id, provider.specificationVersion);
    const id = provider.id.toLowerCase();
    if (this.providers.has(id)) throw invalid(`provider '${id}' is already registered.`);
    this.providers.set(id, provider);
    return () => this.providers.delete(id);
  }

  registerInputFormat(format: InputFormatV1): () => void {
    return this.inputFormats.add(format);
  }

  registerOutputFormat(format: OutputFormatV1): () => void {
    return this.outputFormats.add(format);
  }

  registerTask(task: TaskV1): () => void {
    checkVersion('task', task.id, task.specificationVersion);
    if (this.tasks.has(task.id)) throw invalid(`task '${task.id}' is already registered.`);
    this.tasks.set(task.id, task);
    return () => this.tasks.delete(task.id);
  }

  /** A v1 connector is kept adapted to v2: the kernel calls one contract. */
  registerConnector(connector: AnyConnector): () => void {
    checkVersion('connector', connector.id, connector.specificationVersion, SUPPORTED_CONNECTOR_VERSIONS);
    const id = connector.id.toLowerCase();
    if (this.connectors.has(id)) throw invalid(`connector '${id}' is already registered.`);
    this.connectors.set(id, connector.specificationVersion === 'v1' ? adaptConnectorV1(connector) : connector);
    // Statement text that sets these options is masked too (errors, history, traces).
    if (connector.specificationVersion === 'v2' && connector.secretOptions) declareSecretOptionKeys(connector.secretOptions);
    return () => this.connectors.delete(id);
  }

  registerTableFunction(fn: TableFunctionV1): () => void {
    checkVersion('table function', fn.name, fn.specificationVersion);
    const name = fn.name.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw invalid(`table function name '${fn.name}' is not a SQL function name (letters, digits and '_').`);
    if (fn.kind !== 'lateral' && fn.kind !== 'aggregate') throw invalid(`table function '${name}' has kind '${String(fn.kind)}'; expected 'lateral' or 'aggregate'.`);
    if (this.tableFunctions.has(name)) throw invalid(`table function '${name}' is already registered.`);
    this.tableFunctions.set(name, fn);
    return () => this.tableFunctions.delete(name);
  }

  /** The table function called `name` (any case), if registered. */
  tableFunction(name: string): TableFunctionV1 | undefined {
    return this.tableFunctions.get(name.trim().toUpperCase());
  }

  tableFunctionNames(): string[] {
    return [...this.tableFunctions.keys()].sort();
  }

  provider(id: string): ProviderV1 | undefined {
    return this.providers.get(id.toLowerCase());
  }

  providerIds(): string[] {
    return [...this.providers.keys()].sort();
  }

  /** The provider serving a connection type, if any. */
  providerForConnectionType(type: string): ProviderV1 | undefined {
    const wanted = type.toLowerCase();
    return [...this.providers.values()].find((p) => p.connectionTypes.includes(wanted));
  }

  inputFormat(name: string): FormatRef<InputFormatV1> | undefined {
    return this.inputFormats.resolve(name);
  }

  outputFormat(name: string): FormatRef<OutputFormatV1> | undefined {
    return this.outputFormats.resolve(name);
  }

  inputFormatIds(): string[] {
    return this.inputFormats.ids();
  }

  outputFormatIds(): string[] {
    return this.outputFormats.ids();
  }

  task(id: string): TaskV1 | undefined {
    return this.tasks.get(id.toLowerCase() as TaskV1['id']);
  }

  connectorIds(): string[] {
    return [...this.connectors.keys()].sort();
  }

  connector(id: string): ConnectorV2 | undefined {
    return this.connectors.get(id.toLowerCase());
  }

  /** `provider:openai`, `input-format:JSON`, `output-format:JSON`, `task:embedding`, `connector:memory`, `table-function:ML_PREDICT`. */
  has(registration: string): boolean {
    const [kind, name = ''] = registration.split(/:(.*)/s);
    switch (kind) {
      case 'provider':
        return this.providers.has(name.toLowerCase());
      case 'input-format':
        return this.inputFormats.resolve(name) !== undefined;
      case 'output-format':
        return this.outputFormats.resolve(name) !== undefined;
      case 'task':
        return this.tasks.has(name.toLowerCase());
      case 'connector':
        return this.connectors.has(name.toLowerCase());
      case 'table-function':
        return this.tableFunctions.has(name.trim().toUpperCase());
      default:
        return false;
    }
  }
}
