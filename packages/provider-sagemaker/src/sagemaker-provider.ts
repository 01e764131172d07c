import type { ProviderV1 } from '@lateral/spec';
import { sagemakerConnectionSchema } from './sagemaker-connection.js';
import { sagemakerDefaultInputFormat } from './sagemaker-default-format.js';
import { describeSageMakerError } from './sagemaker-error.js';
import { sagemakerModelOptions } from './sagemaker-options.js';
import { createSageMakerTransport } from './sagemaker-transport.js';
import { validateSageMakerModel } from './sagemaker-validate.js';

/** AWS SageMaker runtime InvokeEndpoint (provider-protocols §8): any container payload, SigV4. */
export const sagemakerProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'sagemaker',
  connectionTypes: ['sagemaker'],
  requiresConnection: true,
  connectionSchemas: [sagemakerConnectionSchema],
  modelOptions: sagemakerModelOptions,
  defaultInputFormat: sagemakerDefaultInputFormat,
  validateModel: validateSageMakerModel,
  createTransport: createSageMakerTransport,
  describeError: describeSageMakerError,
  // SageMaker's Triton containers read binary tensors only under their own content type.
  formatDefaults: { TRITON: { binaryContentType: 'application/vnd.sagemaker-triton.binary+json;json-header-size={json-header-size}' } },
};
