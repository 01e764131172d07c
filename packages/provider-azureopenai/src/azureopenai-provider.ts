import type { ProviderV1 } from '@lateral/spec';
import { OPENAI_STYLE_RATE_LIMIT_HEADERS } from '@lateral/provider-utils';
import { azureopenaiConnectionSchema } from './azureopenai-connection.js';
import { azureopenaiDefaultInputFormat } from './azureopenai-default-format.js';
import { describeAzureOpenAIError } from './azureopenai-error.js';
import { validateAzureOpenAIModel } from './azureopenai-model-checks.js';
import { azureopenaiModelOptions } from './azureopenai-options.js';
import { createAzureOpenAITransport } from './azureopenai-transport.js';

/**
 * `'provider' = 'azureopenai'`: an Azure OpenAI deployment over a connection of type
 * `azureopenai`. Bodies are core's OPENAI-CHAT / OPENAI-EMBED; `model` is sent only when
 * `azureopenai.model_version` is set (Azure routes by the deployment in the URL). Embeddings
 * batch up to the format's 2048 inputs; deployments on old API versions accept only 16 (cap
 * them with the MAP's `max_batch_size`).
 */
export const azureopenaiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'azureopenai',
  connectionTypes: ['azureopenai'],
  requiresConnection: true,
  connectionSchemas: [azureopenaiConnectionSchema],
  modelOptions: azureopenaiModelOptions,
  capabilities: { defaultParallelism: 10 },
  defaultInputFormat: azureopenaiDefaultInputFormat,
  validateModel: validateAzureOpenAIModel,
  createTransport: createAzureOpenAITransport,
  describeError: describeAzureOpenAIError,
  rateLimitSignals: OPENAI_STYLE_RATE_LIMIT_HEADERS,
};
