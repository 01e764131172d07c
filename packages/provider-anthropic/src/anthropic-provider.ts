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
  // `anthropic-ratelimit-*` (provider-protocols §5.5), resets as RFC 3339 times; the input-token
  // limits stand in for the token limits when an account has separate input and output limits
  rateLimitSignals: {
    limitRequests: ['anthropic-ratelimit-requests-limit'],
    remainingRequests: ['anthropic-ratelimit-requests-remaining'],
    resetRequests: ['anthropic-ratelimit-requests-reset'],
    limitTokens: ['anthropic-ratelimit-tokens-limit', 'anthropic-ratelimit-input-tokens-limit'],
    remainingTokens: ['anthropic-ratelimit-tokens-remaining', 'anthropic-ratelimit-input-tokens-remaining'],
    resetTokens: ['anthropic-ratelimit-tokens-reset', 'anthropic-ratelimit-input-tokens-reset'],
  },
};
