import {
  LateralError,
  PluginRegistry,
  builtinFormatsPlugin,
  ProviderCallError,
  invokeOnce,
  prepareInvocation,
  type Column,
  type DataType,
  type ResolvedModel,
  type Row,
} from '@lateral/core';
import { azuremlProvider, plugin } from '@lateral/provider-azureml';

/** Test scaffolding: a registry with core's formats and the azureml plugin. */
export function azuremlRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(plugin);
  return registry;
}

export const DOUBLE: DataType = { kind: 'DOUBLE', nullable: true };
export const INT: DataType = { kind: 'INT', nullable: true };
export const STRING: DataType = { kind: 'STRING', nullable: true };
export const FLOAT_ARRAY: DataType = { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true };
export const column = (name: string, dataType: DataType): Column => ({ name, dataType });

export interface AzureMLModelFixture {
  endpoint: string;
  apiKey: string;
  task?: ResolvedModel['task'];
  input?: Column[];
  output?: Column[];
  inputFormat?: string;
  providerOptions?: Record<string, string>;
}

export function azuremlModel(registry: PluginRegistry, fixture: AzureMLModelFixture): ResolvedModel {
  const task = fixture.task ?? 'regression';
  const inputFormat = fixture.inputFormat ?? azuremlProvider.defaultInputFormat({ task, endpoint: fixture.endpoint, providerOptions: fixture.providerOptions ?? {} });
  const format = registry.inputFormat(inputFormat);
  if (!format) throw new Error(`no input format ${inputFormat}`);
  return {
    name: 'azureml_model',
    version: 1,
    providerId: 'azureml',
    task,
    input: fixture.input ?? [column('age', INT), column('income', DOUBLE)],
    output: fixture.output ?? [column('prediction', DOUBLE)],
    inputFormat: { id: format.format.id },
    outputFormat: outputFormatOf(registry, format.format.defaultOutputFormat),
    params: {},
    providerOptions: fixture.providerOptions ?? {},
    connection: { name: 'aml', type: 'azureml', endpoint: fixture.endpoint, options: {}, secrets: { 'api-key': fixture.apiKey } },
  };
}

export async function invoke(registry: PluginRegistry, model: ResolvedModel, rows: Row[]) {
  return invokeOnce(prepareInvocation(registry, model, {}), rows, { timeoutMs: 10_000 });
}

export async function invokeFailure(registry: PluginRegistry, model: ResolvedModel, rows: Row[]): Promise<ProviderCallError> {
  try {
    await invoke(registry, model, rows);
  } catch (error) {
    if (error instanceof ProviderCallError) return error;
    if (LateralError.isInstance(error)) throw new Error(`expected a ProviderCallError, got ${error.code}: ${error.message}`);
    throw error;
  }
  throw new Error('expected the invocation to fail');
}

/** The canonical output format id and its `:wrapper`, as the binder resolves `JSON:outputs`. */
function outputFormatOf(registry: PluginRegistry, name: string): ResolvedModel['outputFormat'] {
  const ref = registry.outputFormat(name);
  if (!ref) throw new Error(`no output format ${name}`);
  return ref.wrapper === undefined ? { id: ref.format.id } : { id: ref.format.id, wrapper: ref.wrapper };
}
