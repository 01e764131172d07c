import type { LateralPluginV1 } from '../contracts/plugin.js';
import type { TableFunctionV1 } from '../contracts/table-function.js';
import { LateralError } from '../errors/lateral-error.js';
import { providerPackageFor, unknownProviderMessage } from '../options/connection-validation.js';
import { TABLE_FUNCTION_NAME, tableFunctionPackageFor } from '../functions/function-package.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/** Imports a module by specifier (the host's `import()`, so resolution starts from the host package). */
export type ModuleImporter = (specifier: string) => Promise<unknown>;
/** Resolves a specifier to a module URL (the host's `import.meta.resolve`). */
export type ModuleResolver = (specifier: string) => string;

/** Provider ids are plain words: never let an option value choose an arbitrary module path. */
const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Loads providers by the fixed naming rule (design.md): `'provider' = 'x'` or a connection of
 * type `x` is served by `@lateral/provider-x` (and `confluent` by `@lateral/provider-local`).
 * Records each package's module URL so worker threads can import the very same module.
 */
export class PluginLoader {
  private readonly loading = new Map<string, Promise<void>>();
  private readonly moduleUrls = new Map<string, string>();

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
    let pending = this.loading.get(providerId);
    if (!pending) {
      pending = this.load(providerId);
      this.loading.set(providerId, pending);
      pending.catch(() => this.loading.delete(providerId));
    }
    await pending;
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
    const key = `connector:${connectorId}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadConnector(connectorId);
      this.loading.set(key, pending);
      pending.catch(() => this.loading.delete(key));
    }
    await pending;
  }

  /**
   * Makes sure table function `name` is registered, importing `@lateral/function-<name>` (lower
   * case, `_` → `-`) if needed. A package that is not installed is not an error here: the binder
   * reports the unknown function at its call, with the package to add. Returns the function.
   */
  async ensureTableFunction(name: string): Promise<TableFunctionV1 | undefined> {
    const wanted = name.trim().toUpperCase();
    const known = this.registry.tableFunction(wanted);
    if (known || !TABLE_FUNCTION_NAME.test(wanted)) return known;
    const key = `table-function:${wanted}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.loadTableFunction(wanted);
      this.loading.set(key, pending);
      pending.catch(() => this.loading.delete(key));
    }
    await pending;
    return this.registry.tableFunction(wanted);
  }

  private async loadTableFunction(name: string): Promise<void> {
    const packageName = tableFunctionPackageFor(name);
    let module: unknown;
    try {
      module = await this.importer(packageName);
    } catch (error) {
      if (isModuleNotFound(error, packageName)) return;
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
    this.registry.registerPlugin(plugin);
    if (!this.registry.tableFunction(name)) {
      throw new LateralError({
        code: 'LATERAL_ERR_PLUGIN_INVALID',
        message: `Package ${packageName} was loaded but does not provide table function ${name} (it provides ${plugin.provides.join(', ') || 'nothing'}).`,
      });
    }
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
    const packageName = providerPackageFor(providerId);
    let module: unknown;
    try {
      module = await this.importer(packageName);
    } catch (error) {
      if (isModuleNotFound(error, packageName)) {
        throw new LateralError({
          code: 'LATERAL_ERR_PROVIDER_UNKNOWN',
          message: unknownProviderMessage('Provider', providerId),
          details: { provider: providerId, package: packageName },
          cause: error,
        });
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
    this.registry.registerPlugin(plugin);
    if (!this.registry.provider(providerId)) {
      throw new LateralError({
        code: 'LATERAL_ERR_PLUGIN_INVALID',
        message: `Package ${packageName} was loaded but does not provide provider '${providerId}' (it provides ${plugin.provides.join(', ') || 'nothing'}).`,
      });
    }
    if (this.resolver) {
      try {
        this.moduleUrls.set(providerId, this.resolver(packageName));
      } catch {
        // Imported but not resolvable by URL (e.g. a test importer): workers will report it.
      }
    }
  }
  /** Imports a connector package and registers the `plugin` it exports (the registry checks version and dependencies). */
  private async loadConnector(connectorId: string): Promise<void> {
    const packageName = connectorPackageFor(connectorId);
    let module: unknown;
    try {
      module = await this.importer(packageName);
    } catch (error) {
      if (isModuleNotFound(error, packageName)) throw unknownConnectorError(connectorId, error);
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
    this.registry.registerPlugin(plugin);
    if (!this.registry.connector(connectorId)) {
      throw new LateralError({
        code: 'LATERAL_ERR_PLUGIN_INVALID',
        message: `Package ${packageName} was loaded but does not provide connector '${connectorId}' (it provides ${plugin.provides.join(', ') || 'nothing'}).`,
      });
    }
  }
}

/** The naming rule for connectors: `'connector' = 'y'` is served by `@lateral/connector-y`. */
export function connectorPackageFor(id: string): string {
  return `@lateral/connector-${id}`;
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
