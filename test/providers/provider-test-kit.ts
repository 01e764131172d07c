import {
  LateralError,
  builtinFormatsPlugin,
  PluginRegistry,
  ProviderCallError,
  invokeOnce,
  prepareInvocation,
  type Column,
  type LateralPluginV1,
  type ResolvedConnection,
  type ResolvedModel,
  type Row,
  type TransportDependencies,
} from '@lateral/core';

/** Shared scaffolding for the provider tests: schemas, resolved models, one-shot invocations. */
export const stringColumn = (name: string): Column => ({ name, dataType: { kind: 'STRING', nullable: true } });
export const floatArrayColumn = (name: string): Column => ({
  name,
  dataType: { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true },
});

/** A registry with core's built-in formats first (providers declare them as dependencies), then `plugin`. */
export function registryWith(plugin: LateralPluginV1): PluginRegistry {
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(plugin);
  return registry;
}

export interface ModelFixture {
  providerId: string;
  connection: ResolvedConnection;
  inputFormat: string;
  task?: ResolvedModel['task'];
  output?: Column[];
  modelVersion?: string;
  systemPrompt?: string;
  params?: ResolvedModel['params'];
  providerOptions?: Record<string, string>;
}

export function resolvedModel(fixture: ModelFixture): ResolvedModel {
  return {
    name: 'test_model',
    version: 1,
    providerId: fixture.providerId,
    task: fixture.task ?? 'classification',
    input: [stringColumn('text')],
    output: fixture.output ?? [stringColumn('label')],
    inputFormat: { id: fixture.inputFormat },
    outputFormat: { id: fixture.inputFormat },
    modelVersion: fixture.modelVersion,
    systemPrompt: fixture.systemPrompt,
    params: fixture.params ?? {},
    providerOptions: fixture.providerOptions ?? {},
    connection: fixture.connection,
  };
}

/** Encode, send through the provider's transport, classify, decode: one attempt, as the runtime makes it. */
export async function invoke(registry: PluginRegistry, model: ResolvedModel, rows: Row[]): Promise<Row[]> {
  const result = await invokeResult(registry, model, rows);
  return result.decoded.rows;
}

/** The same attempt, with the whole result (status, headers, decoded rows) and injectable dependencies (`now`). */
export async function invokeResult(registry: PluginRegistry, model: ResolvedModel, rows: Row[], dependencies: TransportDependencies = {}) {
  const invocation = prepareInvocation(registry, model, dependencies);
  return invokeOnce(invocation, rows, { timeoutMs: 10_000 });
}

/** The ProviderCallError an invocation fails with (fails the test when it succeeds). */
export async function invokeFailure(
  registry: PluginRegistry,
  model: ResolvedModel,
  rows: Row[],
  dependencies: TransportDependencies = {},
): Promise<ProviderCallError> {
  try {
    await invokeResult(registry, model, rows, dependencies);
  } catch (error) {
    if (ProviderCallError.isInstance(error)) return error;
    if (LateralError.isInstance(error)) throw new Error(`expected a ProviderCallError, got ${error.code}: ${error.message}`);
    throw error;
  }
  throw new Error('expected the invocation to fail');
}

/** The canonical output format id and its `:wrapper`, as the binder resolves `JSON:outputs`. */
export function outputFormatOf(registry: PluginRegistry, name: string): ResolvedModel['outputFormat'] {
  const ref = registry.outputFormat(name);
  if (!ref) throw new Error(`no output format ${name}`);
  return ref.wrapper === undefined ? { id: ref.format.id } : { id: ref.format.id, wrapper: ref.wrapper };
}
