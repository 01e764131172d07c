import type { Column, DataType, PluginRegistry, ResolvedModel } from '@lateral/core';
import { bedrockProvider, plugin } from '@lateral/provider-bedrock';
import type { BedrockFake } from '../../../test/fakes/bedrock-fake.js';
import { invokeFailure, invokeResult, outputFormatOf, registryWith } from '../../../test/providers/provider-test-kit.js';

/** Test scaffolding: a registry with core's formats and the bedrock plugin, models against a fake. */
export function bedrockRegistry(): PluginRegistry {
  return registryWith(plugin);
}

export const STRING: DataType = { kind: 'STRING', nullable: true };
export const FLOAT_ARRAY: DataType = { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true };
export const column = (name: string, dataType: DataType): Column => ({ name, dataType });

export interface BedrockModelFixture {
  modelId: string;
  task?: ResolvedModel['task'];
  output?: Column[];
  inputFormat?: string;
  params?: ResolvedModel['params'];
  systemPrompt?: string;
  providerOptions?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Endpoint override (default: the fake's invoke URL for modelId). */
  endpoint?: string;
  region?: string;
}

/** A resolved model as the binder would build it: the default format from the endpoint, its default output. */
export function bedrockModel(registry: PluginRegistry, fake: BedrockFake, fixture: BedrockModelFixture): ResolvedModel {
  const endpoint = fixture.endpoint ?? fake.invokeUrl(fixture.modelId);
  const task = fixture.task ?? 'text_generation';
  const inputFormat = fixture.inputFormat ?? bedrockProvider.defaultInputFormat({ task, endpoint, providerOptions: fixture.providerOptions ?? {} });
  const format = registry.inputFormat(inputFormat);
  if (!format) throw new Error(`no input format ${inputFormat}`);
  return {
    name: 'bedrock_model',
    version: 1,
    providerId: 'bedrock',
    task,
    input: [column('text', STRING)],
    output: fixture.output ?? [column('answer', STRING)],
    inputFormat: { id: format.format.id },
    outputFormat: outputFormatOf(registry, format.format.defaultOutputFormat),
    params: fixture.params ?? {},
    systemPrompt: fixture.systemPrompt,
    providerOptions: fixture.providerOptions ?? {},
    connection: {
      name: 'aws',
      type: 'bedrock',
      endpoint,
      options: { region: fixture.region ?? fake.region },
      secrets: fixture.secrets ?? {
        'aws-access-key': fake.credentials.accessKeyId,
        'aws-secret-key': fake.credentials.secretAccessKey,
        ...(fake.credentials.sessionToken ? { 'aws-session-token': fake.credentials.sessionToken } : {}),
      },
    },
  };
}

/** One attempt with the whole result; the shared kit's, under the name these tests use. */
export const invoke = invokeResult;
export { invokeFailure };
