import type { ProviderV1 } from '@lateral/spec';
import { OPENAI_STYLE_RATE_LIMIT_HEADERS } from '@lateral/provider-utils';
import { fireworksaiConnectionSchema } from './fireworksai-connection.js';
import { fireworksaiDefaultInputFormat } from './fireworksai-default-format.js';
import { describeFireworksAIError } from './fireworksai-error.js';
import { validateFireworksAIModel } from './fireworksai-model-checks.js';
import { fireworksaiModelOptions } from './fireworksai-options.js';
import { createFireworksAITransport } from './fireworksai-transport.js';

/**
 * `'provider' = 'fireworksai'`: Fireworks' OpenAI-compatible chat completions and embeddings
 * over a connection of type `fireworksai`, with core's OPENAI-CHAT / OPENAI-EMBED bodies.
 * `fireworksai.model_version` is required (sent as `model`). Embeddings batch up to the format's
 * 2048 inputs, which is also Fireworks' documented array limit.
 */
export const fireworksaiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'fireworksai',
  connectionTypes: ['fireworksai'],
  requiresConnection: true,
  connectionSchemas: [fireworksaiConnectionSchema],
  modelOptions: fireworksaiModelOptions,
  capabilities: { defaultParallelism: 10 },
  defaultInputFormat: fireworksaiDefaultInputFormat,
  validateModel: validateFireworksAIModel,
  createTransport: createFireworksAITransport,
  describeError: describeFireworksAIError,
  rateLimitSignals: OPENAI_STYLE_RATE_LIMIT_HEADERS,
};
