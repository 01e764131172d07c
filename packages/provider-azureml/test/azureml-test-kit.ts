import type { Column, DataType, PluginRegistry, ResolvedModel } from '@lateral/core';
import { azuremlProvider, plugin } from '@lateral/provider-azureml';
import { invokeFailure, invokeResult, outputFormatOf, registryWith } from '../../../test/providers/provider-test-kit.js';

/** Test scaffolding: a registry with core's formats and the azureml plugin. */
export function azuremlRegistry(): PluginRegistry {
  return registryWith(plugin);
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

/** One attempt with the whole result; the shared kit's, under the name these tests use. */
export const invoke = invokeResult;
export { invokeFailure };
