import { PUBLISHED_PLUGINS } from './published-plugins.js';

/** The kinds of plugin the kernel loads on demand, each with its package naming rule. */
export type PluginKind = 'provider' | 'connector' | 'table-function';

/**
 * The one naming rule (docs/architecture.md, "Plugin packages"): provider `x` is served by
 * `@lateral/provider-x`, connector `y` by `@lateral/connector-y`, table function `Z_W` by
 * `@lateral/function-z-w`. An id another package answers to (an alias it declares in
 * PUBLISHED_PLUGINS, e.g. a second provider id of one runtime) maps to that package.
 */
export function pluginPackageFor(kind: PluginKind, id: string): string {
  const name = pluginName(kind, id);
  const published = PUBLISHED_PLUGINS.find((entry) => entry.kind === kind && (entry.aliases ?? []).includes(name));
  return `${PACKAGE_PREFIX[kind]}${published?.id ?? name}`;
}

/** How an id is written in a package name: lower case; a table function's `_` becomes `-`. */
export function pluginName(kind: PluginKind, id: string): string {
  const lower = id.trim().toLowerCase();
  return kind === 'table-function' ? lower.replace(/_/g, '-') : lower;
}

/** The registration a loaded plugin must list in `provides` for `kind`/`id`, e.g. `provider:openai`. */
export function pluginRegistration(kind: PluginKind, id: string): string {
  return kind === 'table-function' ? `table-function:${id.trim().toUpperCase()}` : `${kind}:${id.trim().toLowerCase()}`;
}

/** The ids of `kind` the Lateral project publishes a package for (aliases included), sorted. */
export function publishedPluginIds(kind: PluginKind, filter: (entry: (typeof PUBLISHED_PLUGINS)[number]) => boolean = () => true): string[] {
  return PUBLISHED_PLUGINS.filter((entry) => entry.kind === kind && filter(entry))
    .flatMap((entry) => [entry.id, ...(entry.aliases ?? [])])
    .sort();
}

const PACKAGE_PREFIX: Record<PluginKind, string> = {
  provider: '@lateral/provider-',
  connector: '@lateral/connector-',
  'table-function': '@lateral/function-',
};
