import 'reflect-metadata';
import {
  Engine,
  PluginLoader,
  PluginRegistry,
  TOKENS,
  builtinConnectorsPlugin,
  builtinFormatsPlugin,
  builtinTasksPlugin,
  createInferenceRuntime,
  type InferenceRuntime,
} from '@lateral/core';
import { container, type DependencyContainer } from 'tsyringe';
import type { CliOptions } from './cli-options.js';

/**
 * Wires the kernel's services into a tsyringe child container for one CLI invocation: the plugin
 * registry with core's built-in formats, tasks and connectors; the loader that imports
 * `@lateral/provider-<id>` on first use; the inference runtime; the data directory. Every
 * consumer resolves them by token.
 */
export async function openLateralContainer(options: CliOptions, env: NodeJS.ProcessEnv): Promise<DependencyContainer> {
  const scope = container.createChildContainer();
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(builtinTasksPlugin);
  registry.registerPlugin(builtinConnectorsPlugin);
  const loader = new PluginLoader(
    registry,
    (specifier) => import(specifier),
    (specifier) => import.meta.resolve(specifier),
  );
  const inference = createInferenceRuntime({
    registry,
    mode: options.execution,
    poolSize: options.workers,
    moduleUrlFor: (providerId) => loader.moduleUrlFor(providerId),
  });
  const engine = await Engine.open({ dataDir: options.dataDir, registry, inference, environment: env, pluginLoader: loader });
  scope.registerInstance(TOKENS.Registry, registry);
  scope.registerInstance(TOKENS.PluginLoader, loader);
  scope.registerInstance(TOKENS.InferenceRunner, inference);
  scope.registerInstance(TOKENS.DataDir, options.dataDir);
  scope.registerInstance(TOKENS.Environment, env);
  scope.registerInstance(ENGINE, engine);
  scope.registerInstance(CLI_OPTIONS, options);
  return scope;
}

export const ENGINE = Symbol.for('lateral.cli.Engine');
export const CLI_OPTIONS = Symbol.for('lateral.cli.Options');
export const STREAMS = Symbol.for('lateral.cli.Streams');

export async function closeLateralContainer(scope: DependencyContainer): Promise<void> {
  await scope.resolve<InferenceRuntime>(TOKENS.InferenceRunner).close();
}
