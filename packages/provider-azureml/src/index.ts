export { plugin } from './azureml-plugin.js';
export { azuremlProvider } from './azureml-provider.js';
export { VERSION } from './version.js';
export { azuremlConnectionSchema } from './azureml-connection.js';
export { azuremlModelOptions, azuremlOptionHeaders, DEPLOYMENT_HEADER } from './azureml-options.js';
export { azuremlDefaultInputFormat, AZUREML_DEFAULT_FORMAT } from './azureml-default-format.js';
export { describeAzureMLError } from './azureml-error.js';
export { createAzureMLTransport } from './azureml-transport.js';
