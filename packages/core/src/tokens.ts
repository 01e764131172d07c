/**
 * Dependency-injection tokens for the kernel's services. `Symbol.for` keys stay equal across
 * duplicate copies of the package; every constructor parameter names its token with `@inject`
 * because esbuild-based tools drop decorator metadata.
 */
export const TOKENS = {
  Registry: Symbol.for('lateral.PluginRegistry'),
  Catalog: Symbol.for('lateral.Catalog'),
  DataDir: Symbol.for('lateral.DataDir'),
  Dispatcher: Symbol.for('lateral.Dispatcher'),
  Clock: Symbol.for('lateral.Clock'),
  PluginLoader: Symbol.for('lateral.PluginLoader'),
  InferenceRunner: Symbol.for('lateral.InferenceRunner'),
  LimiterFactory: Symbol.for('lateral.LimiterFactory'),
  Tracer: Symbol.for('lateral.Tracer'),
  Settings: Symbol.for('lateral.Settings'),
  Environment: Symbol.for('lateral.Environment'),
  /** Every plugin to register at start-up (multi-registration: `resolveAll`). */
  Plugin: Symbol.for('lateral.Plugin'),
  /** Options of the inference runtime (mode, pool size, ...). */
  InferenceOptions: Symbol.for('lateral.InferenceOptions'),
  ModuleImporter: Symbol.for('lateral.ModuleImporter'),
  ModuleResolver: Symbol.for('lateral.ModuleResolver'),
} as const;

/** Milliseconds since the epoch. */
export type Clock = () => number;
