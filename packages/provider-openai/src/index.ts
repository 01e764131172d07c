export { openaiPlugin, openaiPlugin as plugin } from './openai-plugin.js';
export { openaiProvider } from './openai-provider.js';
export { openaiConnectionSchema, validateHttpEndpoint } from './openai-connection.js';
export { openaiModelOptions } from './openai-options.js';
export { openaiDefaultInputFormat } from './openai-default-format.js';
export { validateOpenAIModel } from './openai-model-checks.js';
export { createOpenAITransport } from './openai-transport.js';
export { describeOpenAIError } from './openai-error.js';
export { rateLimitHintMs } from './openai-retry-hint.js';
/** Kept for callers of this package; the one implementation is @lateral/spec's. */
export { parseGoDuration } from '@lateral/spec';
export { VERSION } from './version.js';
