import type { Diagnostic, ProviderV1, ResolvedModel } from '@lateral/spec';
import { azuremlConnectionSchema } from './azureml-connection.js';
import { azuremlDefaultInputFormat } from './azureml-default-format.js';
import { describeAzureMLError } from './azureml-error.js';
import { azuremlModelOptions } from './azureml-options.js';
import { createAzureMLTransport } from './azureml-transport.js';

/** `azureml.deployment_name` must name something when given: an empty header routes nowhere. */
function validateAzureMLModel(model: ResolvedModel): Diagnostic[] {
  const deployment = model.providerOptions.deployment_name;
  if (deployment !== undefined && deployment.trim() === '') {
    return [{ code: 'LATERAL_ERR_OPTION_INVALID', message: 'azureml.deployment_name must not be empty.', option: 'azureml.deployment_name' }];
  }
  return [];
}

/** Azure Machine Learning online endpoints and AI Studio serverless APIs (provider-protocols §9). */
export const azuremlProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: 'azureml',
  connectionTypes: ['azureml'],
  requiresConnection: true,
  connectionSchemas: [azuremlConnectionSchema],
  modelOptions: azuremlModelOptions,
  defaultInputFormat: azuremlDefaultInputFormat,
  validateModel: validateAzureMLModel,
  createTransport: createAzureMLTransport,
  describeError: describeAzureMLError,
};
