import type { ProviderV1 } from '@lateral/spec';
import { OPENAI_STYLE_RATE_LIMIT_HEADERS } from '@lateral/provider-utils';
import { openaiConnectionSchema } from './openai-connection.js';
import { openaiDefaultInputFormat } from './openai-default-format.js';
import { describeOpenAIError } from './openai-error.js';
import { validateOpenAIModel } from './openai-model-checks.js';
import { openaiModelOptions } from './openai-options.js';
import { createOpenAITransport } from './openai-transport.js';

/** OpenAI's API requires `model`; Azure OpenAI and other hosts of these bodies take it from the URL (reference §9.5). */
const OPENAI_DEFAULT_CHAT_MODEL = 'gpt-3.5-turbo';
const OPENAI_DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

/**
 * `'provider' = 'openai'`: chat completions and embeddings over a connection of type `openai`.
 * Request bodies are core's OPENAI-CHAT / OPENAI-EMBED formats (which default `model` to
 * gpt-3.5-turbo / text-embedding-3-small for this provider); embeddings batch up to the format's
 * 2048 inputs per request.
 */
export const openaiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'openai',
  connectionTypes: ['openai'],
  requiresConnection: true,
  connectionSchemas: [openaiConnectionSchema],
  modelOptions: openaiModelOptions,
  capabilities: { defaultParallelism: 10 },
  defaultInputFormat: openaiDefaultInputFormat,
  validateModel: validateOpenAIModel,
  createTransport: createOpenAITransport,
  describeError: describeOpenAIError,
  rateLimitSignals: OPENAI_STYLE_RATE_LIMIT_HEADERS,
  formatDefaults: {
    'OPENAI-CHAT': { modelVersion: OPENAI_DEFAULT_CHAT_MODEL },
    'MISTRAL-CHAT': { modelVersion: OPENAI_DEFAULT_CHAT_MODEL },
    'OPENAI-EMBED': { modelVersion: OPENAI_DEFAULT_EMBEDDING_MODEL },
  },
};
