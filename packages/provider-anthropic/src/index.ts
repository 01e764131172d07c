export { anthropicPlugin, anthropicPlugin as plugin } from './anthropic-plugin.js';
export { anthropicProvider } from './anthropic-provider.js';
export { anthropicConnectionSchema, validateHttpEndpoint } from './anthropic-connection.js';
export { anthropicModelOptions } from './anthropic-options.js';
export { anthropicDefaultInputFormat } from './anthropic-default-format.js';
export { validateAnthropicModel } from './anthropic-model-checks.js';
export { createAnthropicTransport, ANTHROPIC_API_VERSION } from './anthropic-transport.js';
export { describeAnthropicError } from './anthropic-error.js';
export { VERSION } from './version.js';
