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
  type TransportDependencies,
} from '@lateral/core';
import { plugin, sagemakerProvider } from '@lateral/provider-sagemaker';
import type { SageMakerFake } from '../../../test/fakes/sagemaker-fake.js';

/** Test scaffolding: a registry with core's formats and the sagemaker plugin, models against a fake. */
export function sagemakerRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(plugin);
  return registry;
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

export async function invoke(registry: PluginRegistry, model: ResolvedModel, rows: Row[], dependencies: TransportDependencies = {}) {
  return invokeOnce(prepareInvocation(registry, model, dependencies), rows, { timeoutMs: 10_000 });
}

export async function invokeFailure(registry: PluginRegistry, model: ResolvedModel, rows: Row[], dependencies: TransportDependencies = {}): Promise<ProviderCallError> {
  try {
    await invoke(registry, model, rows, dependencies);
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
