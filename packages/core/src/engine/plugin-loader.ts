import type { LateralPluginV1, TableFunctionV1 } from '@lateral/spec';
import { LateralError, pluginPackageFor, pluginRegistration, type PluginKind } from '@lateral/spec';
import { providerPackageFor, unknownProviderMessage } from '../options/connection-validation.js';
import { TABLE_FUNCTION_NAME } from '../functions/function-package.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/** Imports a module by specifier (the host's `import()`, so resolution starts from the host package). */
export type ModuleImporter = (specifier: string) => Promise<unknown>;
/** Resolves a specifier to a module URL (the host's `import.meta.resolve`). */
export type ModuleResolver = (specifier: string) => string;

/** Provider ids are plain words: never let an option value choose an arbitrary module path. */
const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The one loader for every plugin kind, by the fixed naming rule (docs/architecture.md, "Plugin
 * packages", `pluginPackageFor` in @lateral/spec): `'provider' = 'x'` or a connection of type `x`
 * is served by `@lateral/provider-x` (an alias a published package declares, e.g. `confluent`,
 * maps to that package), a table with `'connector' = 'y'` by `@lateral/connector-y`, a table
 * function `Z` by `@lateral/function-z`. Each package exports `plugin` (LateralPluginV1); its
 * contract version and its declared dependencies are checked when it is registered, and a
 * package that is not installed is reported with the package to add. Records each provider
 * package's module URL so worker threads can import the very same module.
 */
export class PluginLoader {
  private readonly loading = new Map<string, Promise<void>>();
  private readonly moduleUrls = new Map<string, string>();
  /** What loaded plugins declared in `provides`, for kinds the registry does not index itself. */
  private readonly provided = new Set<string>();

  constructor(
    private readonly registry: PluginRegistry,
    private readonly importer: ModuleImporter,
    private readonly resolver?: ModuleResolver,
  ) {}

  /** Makes sure provider `id` is registered, importing its package if needed. */
  async ensureProvider(id: string): Promise<void> {
    const providerId = id.trim().toLowerCase();
    if (this.registry.provider(providerId)) return;
    if (!PROVIDER_ID.test(providerId)) {
      throw new LateralError({ code: 'LATERAL_ERR_PROVIDER_UNKNOWN', message: `'${id}' is not a valid provider id (letters, digits, '-' and '_').` });
    }
    await this.loadOnce('provider', providerId, () => this.load(providerId));
  }

  /**
   * Makes sure some provider serves connection type `type`. By the naming rule a type is served by
   * the provider of the same id; a package that is not installed is not an error here: the
   * connection's validation reports the missing provider with the package to add.
   */
  async ensureConnectionType(type: string): Promise<void> {
    const wanted = type.trim().toLowerCase();
    if (this.registry.providerForConnectionType(wanted) || !PROVIDER_ID.test(wanted)) return;
    try {
      await this.ensureProvider(wanted);
    } catch (error) {
      if (LateralError.isInstance(error) && error.code === 'LATERAL_ERR_PROVIDER_UNKNOWN') return;
      throw error;
    }
  }

  /**
   * Makes sure connector `id` is registered (`'connector' = 'y'`), importing `@lateral/connector-y`
   * if no plugin registered it yet (memory is core's). The package's plugin is registered through
   * the registry, which checks its contract version and declared dependencies. A package that is
   * not installed fails with LATERAL_ERR_CONNECTOR_UNKNOWN naming the package to add.
   */
  async ensureConnector(id: string): Promise<void> {
    const connectorId = id.trim().toLowerCase();
    if (this.registry.connector(connectorId)) return;
    if (!PROVIDER_ID.test(connectorId)) {
      throw new LateralError({ code: 'LATERAL_ERR_CONNECTOR_UNKNOWN', message: `'${id}' is not a valid connector id (letters, digits, '-' and '_').` });
    }
    await this.loadOnce('connector', connectorId, () => this.loadPlugin('connector', connectorId, () => this.registry.connector(connectorId) !== undefined));
  }

  /**
   * Makes sure table function `name` (e.g. `ML_PREDICT`) is registered, importing
   * `@lateral/function-<name>` (lower case, `_` as `-`) if needed; the package's plugin must
   * register it. A package that is not installed is not an error here: the binder reports the
   * unknown function at its call, with the package to add. Returns the function.
   */
  async ensureTableFunction(name: string): Promise<TableFunctionV1 | undefined> {
    const wanted = name.trim().toUpperCase();
    const known = this.registry.tableFunction(wanted);
    if (known || !TABLE_FUNCTION_NAME.test(wanted)) return known;
    await this.loadOnce('table-function', wanted, () => this.loadPlugin('table-function', wanted, () => this.registry.tableFunction(wanted) !== undefined));
    return this.registry.tableFunction(wanted);
  }

  /** The module URL of the package serving `providerId`, for worker threads. */
  moduleUrlFor(providerId: string): string | undefined {
    const id = providerId.toLowerCase();
    const known = this.moduleUrls.get(id);
    if (known !== undefined || !this.resolver) return known;
    try {
      const url = this.resolver(providerPackageFor(id));
      this.moduleUrls.set(id, url);
      return url;
    } catch {
      return undefined;
    }
  }

  private async load(providerId: string): Promise<void> {
    await this.loadPlugin('provider', providerId, () => this.registry.provider(providerId) !== undefined);
    if (this.resolver) {
      try {
        this.moduleUrls.set(providerId, this.resolver(providerPackageFor(providerId)));
      } catch {
        // Imported but not resolvable by URL (e.g. a test importer): workers will report it.
      }
    }
  }

  /**
   * A plugin's declared dependencies on other plugin packages (`provider:x`, `connector:y`,
   * `table-function:Z`) are loaded by the same rule first; formats and tasks must already be there.
   * A dependency that cannot be loaded is left to the registry, which reports the unmet dependency
   * by name when the plugin is registered.
   */
  private async loadDependencies(plugin: LateralPluginV1): Promise<void> {
    for (const dependency of plugin.dependencies ?? []) {
      if (this.registry.has(dependency) || this.provided.has(dependency)) continue;
      const [kind, id = ''] = dependency.split(/:(.*)/s);
      try {
        if (kind === 'provider') await this.ensureProvider(id);
        else if (kind === 'connector') await this.ensureConnector(id);
        else if (kind === 'table-function') await this.ensureTableFunction(id);
      } catch {
        // registerPlugin names the dependency no registered plugin provides
      }
    }
  }

  /** Runs `load` for `kind`/`id` once (concurrent callers share the import; a failure may be retried). */
  private async loadOnce(kind: PluginKind, id: string, load: () => Promise<void>): Promise<void> {
    const key = pluginRegistration(kind, id);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load();
      this.loading.set(key, pending);
      pending.catch(() => this.loading.delete(key));
    }
    await pending;
  }

  private async loadPlugin(kind: PluginKind, id: string, present: () => boolean): Promise<void> {
    const packageName = pluginPackageFor(kind, id);
    let module: unknown;
    try {
      module = await this.importer(packageName);
    } catch (error) {
      if (isModuleNotFound(error, packageName)) {
        const missing = notInstalled(kind, id, packageName, error);
        if (missing) throw missing;
        return;
      }
      throw new LateralError({
        code: 'LATERAL_ERR_PLUGIN_INVALID',
        message: `Package ${packageName} failed to load: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    const plugin = (module as { plugin?: LateralPluginV1 } | undefined)?.plugin;
    if (!plugin || typeof plugin.register !== 'function') {
      throw new LateralError({ code: 'LATERAL_ERR_PLUGIN_INVALID', message: `Package ${packageName} does not export a 'plugin' (LateralPluginV1).` });
    }
    await this.loadDependencies(plugin);
    // registerPlugin checks the contract version and the declared dependencies
    this.registry.registerPlugin(plugin);
    for (const registration of plugin.provides) this.provided.add(registration);
    if (!present()) {
      throw new LateralError({
        code: 'LATERAL_ERR_PLUGIN_INVALID',
        message: `Package ${packageName} was loaded but does not provide ${describePlugin(kind, id)} (it provides ${plugin.provides.join(', ') || 'nothing'}).`,
      });
    }
  }
}

/** `provider 'openai'`, `connector 'kafka'`, `table function ML_EVALUATE`: a plugin as messages name it. */
function describePlugin(kind: PluginKind, id: string): string {
  return kind === 'table-function' ? `table function ${id}` : `${kind} '${id}'`;
}

/** The naming rule for connectors: `'connector' = 'y'` is served by `@lateral/connector-y`. */
export function connectorPackageFor(id: string): string {
  return pluginPackageFor('connector', id);
}

export function unknownConnectorMessage(id: string): string {
  const packageName = connectorPackageFor(id);
  return `Connector '${id}' is not installed: add ${packageName} (pnpm add ${packageName}).`;
}

function unknownConnectorError(id: string, cause: unknown): LateralError {
  return new LateralError({
    code: 'LATERAL_ERR_CONNECTOR_UNKNOWN',
    message: unknownConnectorMessage(id),
    details: { connector: id, package: connectorPackageFor(id) },
    cause,
  });
}

/**
 * A package that is not installed: a provider keeps its own code and message (which also tells a
 * published provider from a name no package serves), a connector names the package to add, and a
 * table function is no error here (undefined): the binder reports the call, located, with the package.
 */
function notInstalled(kind: PluginKind, id: string, packageName: string, cause: unknown): LateralError | undefined {
  if (kind === 'provider') {
    return new LateralError({
      code: 'LATERAL_ERR_PROVIDER_UNKNOWN',
      message: unknownProviderMessage('Provider', id),
      details: { provider: id, package: packageName },
      cause,
    });
  }
  if (kind === 'connector') return unknownConnectorError(id, cause);
  return undefined;
}

/** ERR_MODULE_NOT_FOUND for the package itself, not for a dependency missing inside it. */
function isModuleNotFound(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`) || !/['"][^'"]+['"]/.test(message);
  }
  // Vite (vitest) reports a missing bare import this way.
  return /Failed to (load|resolve) (url|import)/i.test(message) && message.includes(packageName);
}
