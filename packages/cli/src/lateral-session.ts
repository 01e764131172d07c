import 'reflect-metadata';
import { createKernelContainer, LateralKernel } from '@lateral/core';
import type { DependencyContainer } from 'tsyringe';
import type { CliOptions } from './cli-options.js';

export const ENGINE = Symbol.for('lateral.cli.Engine');
export const CLI_OPTIONS = Symbol.for('lateral.cli.Options');
export const STREAMS = Symbol.for('lateral.cli.Streams');

/**
 * The kernel's container for one CLI invocation (core's formats, tasks and connectors; providers
 * imported from this package's dependencies on first use), plus the CLI's own services: the
 * engine, the options and, registered by the caller, the output streams.
 */
export async function openLateralContainer(options: CliOptions, env: NodeJS.ProcessEnv): Promise<DependencyContainer> {
  const scope = createKernelContainer({
    dataDir: options.dataDir,
    environment: env,
    importer: (specifier) => import(specifier),
    resolver: (specifier) => import.meta.resolve(specifier),
    inference: { mode: options.execution, poolSize: options.workers },
  });
  const kernel = scope.resolve(LateralKernel);
  scope.registerInstance(LateralKernel, kernel);
  scope.registerInstance(ENGINE, await kernel.openEngine());
  scope.registerInstance(CLI_OPTIONS, options);
  return scope;
}

export async function closeLateralContainer(scope: DependencyContainer): Promise<void> {
  await scope.resolve(LateralKernel).close();
}
