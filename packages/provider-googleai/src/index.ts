export { plugin } from './googleai-plugin.js';
export { googleaiProvider } from './googleai-provider.js';
export { VERSION } from './version.js';
export { googleAIConnectionSchema, validateGoogleAIEndpoint } from './googleai-connection.js';
export { googleAIDefaultInputFormat } from './googleai-default-format.js';
export { googleAIRequestUrl, parseGoogleAIEndpoint } from './googleai-endpoint.js';
export type { GoogleAIEndpoint } from './googleai-endpoint.js';
export { describeGoogleAIError, parseGoogleRpcStatus, retryDelayMs } from './googleai-error.js';
export type { GoogleRpcStatus } from './googleai-error.js';
export { createGoogleAITransport } from './googleai-transport.js';
export {
  geminiEmbedInputFormat,
  geminiEmbedOutputFormat,
  GEMINI_EMBED_FORMAT_ID,
  GEMINI_EMBED_MAX_ROWS,
} from './formats/gemini-embed-format.js';
