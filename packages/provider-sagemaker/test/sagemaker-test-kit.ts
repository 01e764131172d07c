import type { Column, DataType, PluginRegistry, ResolvedModel } from '@lateral/core';
import { plugin, sagemakerProvider } from '@lateral/provider-sagemaker';
import type { SageMakerFake } from '../../../test/fakes/sagemaker-fake.js';
import { invokeFailure, invokeResult, outputFormatOf, registryWith } from '../../../test/providers/provider-test-kit.js';

/** Test scaffolding: a registry with core's formats and the sagemaker plugin, models against a fake. */
export function sagemakerRegistry(): PluginRegistry {
  return registryWith(plugin);
}

export const DOUBLE: DataType = { kind: 'DOUBLE', nullable: true };
export const INT: DataType = { kind: 'INT', nullable: true };
export const STRING: DataType = { kind: 'STRING', nullable: true };
export const column = (name: string, dataType: DataType): Column => ({ name, dataType });

export interface SageMakerModelFixture {
  endpointName?: string;
  input?: Column[];
  output?: Column[];
  inputFormat?: string;
  outputFormat?: string;
  providerOptions?: Record<string, string>;
  secrets?: Record<string, string>;
  endpoint?: string;
}

export function sagemakerModel(registry: PluginRegistry, fake: SageMakerFake, fixture: SageMakerModelFixture = {}): ResolvedModel {
  const endpoint = fixture.endpoint ?? fake.invocationsUrl(fixture.endpointName ?? 'my-endpoint');
  const inputFormat = fixture.inputFormat ?? sagemakerProvider.defaultInputFormat({ task: 'regression', endpoint, providerOptions: {} });
  const format = registry.inputFormat(inputFormat);
  if (!format) throw new Error(`no input format ${inputFormat}`);
  return {
    name: 'sagemaker_model',
    version: 1,
    providerId: 'sagemaker',
    task: 'regression',
    input: fixture.input ?? [column('f1', DOUBLE), column('f2', INT), column('f3', DOUBLE)],
    output: fixture.output ?? [column('score', DOUBLE)],
    inputFormat: { id: format.format.id, wrapper: format.wrapper },
    outputFormat: outputFormatOf(registry, fixture.outputFormat ?? format.format.defaultOutputFormat),
    params: {},
    providerOptions: fixture.providerOptions ?? {},
    connection: {
      name: 'aws',
      type: 'sagemaker',
      endpoint,
      options: { region: fake.region },
      secrets: fixture.secrets ?? { 'aws-access-key': fake.credentials.accessKeyId, 'aws-secret-key': fake.credentials.secretAccessKey },
    },
  };
}

/** One attempt with the whole result; the shared kit's, under the name these tests use. */
export const invoke = invokeResult;
export { invokeFailure };
