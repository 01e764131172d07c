export { fireworksaiPlugin, fireworksaiPlugin as plugin } from './fireworksai-plugin.js';
export { fireworksaiProvider } from './fireworksai-provider.js';
export { fireworksaiConnectionSchema, validateHttpEndpoint } from './fireworksai-connection.js';
export { fireworksaiModelOptions } from './fireworksai-options.js';
export { fireworksaiDefaultInputFormat } from './fireworksai-default-format.js';
export { validateFireworksAIModel } from './fireworksai-model-checks.js';
export { createFireworksAITransport } from './fireworksai-transport.js';
export { describeFireworksAIError } from './fireworksai-error.js';
export { VERSION } from './version.js';
