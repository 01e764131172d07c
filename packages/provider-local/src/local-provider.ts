import type { Diagnostic, ProviderV1, ResolvedModel } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { localConnectionSchemas } from './local-connection.js';
import { localDefaultInputFormat } from './local-default-format.js';
import { describeLocalError } from './local-error.js';
import { localModelOptions } from './local-options.js';
import { createLocalTransport } from './local-transport.js';
import { resolveLocalModel } from './models/model-resolver.js';

const EMBEDDING_FORMATS = new Set(['OPENAI-EMBED']);

/**
 * Models that run inside Lateral: no connection, no network. The same runtime serves two ids:
 * `local` (`'local.model' = ...`) and `confluent`, so SQL written for Confluent's managed models
 * (`'provider' = 'confluent'`, `'confluent.model' = ...`) runs unchanged on a laptop.
 */
export function createLocalProvider(id: 'local' | 'confluent'): ProviderV1 {
  return {
    specificationVersion: 'v1',
    id,
    connectionTypes: [],
    requiresConnection: false,
    connectionSchemas: localConnectionSchemas,
    modelOptions: localModelOptions,
    // Every pool worker would load its own copy of a model (GloVe alone is 145 MB), and the
    // in-process path measured faster end to end: `auto` keeps local models in process.
    capabilities: { defaultParallelism: 4, preferInProcess: true },
    defaultInputFormat: localDefaultInputFormat,
    validateModel: (model) => validateLocalModel(id, model),
    createTransport: (model) => createLocalTransport(model, 'model'),
    describeError: describeLocalError,
  };
}

function validateLocalModel(id: string, model: ResolvedModel): Diagnostic[] {
  const name = model.providerOptions.model;
  if (!name) {
    return [{ code: 'LATERAL_ERR_OPTION_MISSING', option: `${id}.model`, message: `'${id}.model' must name the local model to run.` }];
  }
  let kind: 'chat' | 'embedding';
  try {
    kind = resolveLocalModel(name).kind;
  } catch (error) {
    if (!LateralError.isInstance(error)) throw error;
    return [{ code: error.code, option: `${id}.model`, message: error.message }];
  }
  const embeddingFormat = EMBEDDING_FORMATS.has(model.inputFormat.id);
  if (kind === 'embedding' && !embeddingFormat) {
    return [
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        option: `${id}.model`,
        message: `'${name}' is an embedding model: it needs task 'embedding' (input format OPENAI-EMBED) and an ARRAY<FLOAT> output, not ${model.inputFormat.id}.`,
      },
    ];
  }
  if (kind === 'chat' && embeddingFormat) {
    return [
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        option: `${id}.model`,
        message: `'${name}' answers with text: it cannot serve the embedding format ${model.inputFormat.id}; use an embedding model.`,
      },
    ];
  }
  return [];
}

export const localProvider = createLocalProvider('local');
export const confluentProvider = createLocalProvider('confluent');
