import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { builtinConnectorsPlugin } from '../connectors/connectors-plugin.js';
import type { LateralPluginV1 } from '@lateral/spec';
import { PluginLoader, type ModuleImporter, type ModuleResolver } from '../engine/plugin-loader.js';
import { builtinFormatsPlugin } from '../formats/index.js';
import { createInferenceRuntime, type InferenceRuntimeOptions } from '../inference/inference-runtime-factory.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { builtinTasksPlugin } from '../tasks/index.js';
import { TOKENS } from '../tokens.js';

export interface KernelOptions {
  dataDir: string;
  environment: Record<string, string | undefined>;
  /** The host's `import()`: `@lateral/provider-<id>` resolves from the host package. */
  importer: ModuleImporter;
  /** The host's `import.meta.resolve`, so worker threads can import the same provider modules. */
  resolver?: ModuleResolver;
  /** Runtime options other than the registry and module URLs, which the kernel wires itself. */
  inference?: Omit<InferenceRuntimeOptions, 'registry' | 'moduleUrlFor'>;
  /** Plugins registered up front besides core's formats, tasks and connectors. */
  plugins?: LateralPluginV1[];
  /** Defaults to a child of tsyringe's root container. */
  parent?: DependencyContainer;
}

/**
 * The kernel's services in a tsyringe container: every plugin is registered under
 * `TOKENS.Plugin` and the registry is built from `resolveAll(TOKENS.Plugin)`, so a host adds a
 * plugin by registering it, not by editing the kernel. Services are singletons per container.
 */
export function createKernelContainer(options: KernelOptions): DependencyContainer {
  const scope = (options.parent ?? rootContainer).createChildContainer();
  for (const plugin of [builtinFormatsPlugin, builtinTasksPlugin, builtinConnectorsPlugin, ...(options.plugins ?? [])]) {
    scope.register(TOKENS.Plugin, { useValue: plugin });
  }
  scope.register(TOKENS.DataDir, { useValue: options.dataDir });
  scope.register(TOKENS.Environment, { useValue: options.environment });
  scope.register(TOKENS.ModuleImporter, { useValue: options.importer });
  scope.register(TOKENS.InferenceOptions, { useValue: options.inference ?? {} });
  if (options.resolver) scope.register(TOKENS.ModuleResolver, { useValue: options.resolver });
  scope.register(TOKENS.Registry, {
    useFactory: instanceCachingFactory((c) => {
      const registry = new PluginRegistry();
      for (const plugin of c.resolveAll<LateralPluginV1>(TOKENS.Plugin)) registry.registerPlugin(plugin);
      return registry;
    }),
  });
  scope.register(TOKENS.PluginLoader, {
    useFactory: instanceCachingFactory(
      (c) =>
        new PluginLoader(
          c.resolve<PluginRegistry>(TOKENS.Registry),
          c.resolve<ModuleImporter>(TOKENS.ModuleImporter),
          c.isRegistered(TOKENS.ModuleResolver) ? c.resolve<ModuleResolver>(TOKENS.ModuleResolver) : undefined,
        ),
    ),
  });
  scope.register(TOKENS.InferenceRunner, {
    useFactory: instanceCachingFactory((c) => {
      const loader = c.resolve<PluginLoader>(TOKENS.PluginLoader);
      return createInferenceRuntime({
        ...c.resolve<Omit<InferenceRuntimeOptions, 'registry'>>(TOKENS.InferenceOptions),
        registry: c.resolve<PluginRegistry>(TOKENS.Registry),
        moduleUrlFor: (providerId) => loader.moduleUrlFor(providerId),
      });
    }),
  });
  return scope;
}
