import type { Column, ResolvedModel } from '@lateral/core';

export const STRING_COLUMN = (name: string): Column => ({ name, dataType: { kind: 'STRING', nullable: true } });
export const VECTOR_COLUMN = (name: string): Column => ({ name, dataType: { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true } });

/** A googleai model as the binder would resolve it, pointed at `endpoint` with `apiKey`. */
export function googleModel(endpoint: string, apiKey: string, overrides: Partial<ResolvedModel> = {}): ResolvedModel {
  return {
    name: 'gemini_model',
    version: 1,
    providerId: 'googleai',
    task: 'text_generation',
    input: [STRING_COLUMN('prompt')],
    output: [STRING_COLUMN('response')],
    inputFormat: { id: 'GEMINI-GENERATE' },
    outputFormat: { id: 'GEMINI-GENERATE' },
    params: {},
    providerOptions: {},
    connection: { name: 'gemini_connection', type: 'googleai', endpoint, options: {}, secrets: { 'api-key': apiKey } },
    ...overrides,
  };
}

export function embedModel(endpoint: string, apiKey: string, overrides: Partial<ResolvedModel> = {}): ResolvedModel {
  return googleModel(endpoint, apiKey, {
    name: 'gemini_embed',
    task: 'embedding',
    input: [STRING_COLUMN('text')],
    output: [VECTOR_COLUMN('embedding')],
    inputFormat: { id: 'GEMINI-EMBED' },
    outputFormat: { id: 'GEMINI-EMBED' },
    ...overrides,
  });
}
