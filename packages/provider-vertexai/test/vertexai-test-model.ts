import type { Column, ResolvedModel } from '@lateral/core';

export const column = (name: string, kind: 'STRING' | 'DOUBLE' | 'INT' | 'FLOAT'): Column => ({ name, dataType: { kind, nullable: true } });
export const vectorColumn = (name: string): Column => ({ name, dataType: { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true } });

/** A vertexai model as the binder would resolve it. */
export function vertexModel(endpoint: string, serviceKey: string, overrides: Partial<ResolvedModel> = {}): ResolvedModel {
  return {
    name: 'vertex_model',
    version: 1,
    providerId: 'vertexai',
    task: 'regression',
    input: [column('age', 'INT'), column('income', 'DOUBLE')],
    output: [column('score', 'DOUBLE')],
    inputFormat: { id: 'TF-SERVING' },
    outputFormat: { id: 'TF-SERVING' },
    params: {},
    providerOptions: {},
    connection: { name: 'vertex_connection', type: 'vertexai', endpoint, options: {}, secrets: { 'service-key': serviceKey } },
    ...overrides,
  };
}
