import type { ProviderV1 } from '@lateral/spec';
import { anthropicConnectionSchema } from './anthropic-connection.js';
import { anthropicDefaultInputFormat } from './anthropic-default-format.js';
import { ANTHROPIC_DEFAULT_MODEL } from './anthropic-default-model.js';
import { describeAnthropicError } from './anthropic-error.js';
import { validateAnthropicModel } from './anthropic-model-checks.js';
import { anthropicModelOptions } from './anthropic-options.js';
import { createAnthropicTransport } from './anthropic-transport.js';

/**
 * `'provider' = 'anthropic'`: the Messages API over a connection of type `anthropic`, with core's
 * ANTHROPIC-MESSAGES body (one prompt per request; `max_tokens` defaulted by the format when
 * `anthropic.params.max_tokens` is not set). Without `anthropic.model_version` the model is
 * ANTHROPIC_DEFAULT_MODEL.
 */
export const anthropicProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'anthropic',
  connectionTypes: ['anthropic'],
  requiresConnection: true,
  connectionSchemas: [anthropicConnectionSchema],
  modelOptions: anthropicModelOptions,
  capabilities: { defaultParallelism: 10 },
  defaultInputFormat: anthropicDefaultInputFormat,
  defaultModelVersion: ANTHROPIC_DEFAULT_MODEL,
  validateModel: validateAnthropicModel,
  createTransport: createAnthropicTransport,
  describeError: describeAnthropicError,
  // the Messages API has no default model: a model without one is refused at CREATE MODEL
  formatDefaults: { 'ANTHROPIC-MESSAGES': { requiresModelVersion: true } },
};
