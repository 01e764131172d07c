import type { ProviderV1 } from '@lateral/spec';
import { bedrockConnectionSchema } from './bedrock-connection.js';
import { bedrockDefaultInputFormat } from './bedrock-default-format.js';
import { describeBedrockError } from './bedrock-error.js';
import { bedrockModelOptions } from './bedrock-options.js';
import { createBedrockTransport } from './bedrock-transport.js';
import { validateBedrockModel } from './bedrock-validate.js';

/** AWS Bedrock runtime InvokeModel (provider-protocols §7): model-native bodies, SigV4. */
export const bedrockProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'bedrock',
  connectionTypes: ['bedrock'],
  requiresConnection: true,
  connectionSchemas: [bedrockConnectionSchema],
  modelOptions: bedrockModelOptions,
  defaultInputFormat: bedrockDefaultInputFormat,
  validateModel: validateBedrockModel,
  createTransport: createBedrockTransport,
  describeError: describeBedrockError,
};
