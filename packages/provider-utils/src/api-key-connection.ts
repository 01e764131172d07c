import type { ConnectionSchema, OptionSpec } from '@lateral/spec';
import { validateHttpEndpoint } from './http-endpoint.js';

/** The one secret of API-key providers, as the dialect spells it (confluent-dialect §3.3). */
export const API_KEY = 'api-key';

export interface ApiKeyConnectionOptions {
  /** The connection `type` (lower-case), which is also the provider id. */
  type: string;
  /** Non-secret keys the provider accepts besides `api-key` (Lateral extensions). */
  optionalKeys?: readonly OptionSpec[];
  /** The endpoint check; any http(s) URL by default. */
  validateEndpoint?: (endpoint: string) => string | undefined;
}

/**
 * A connection whose only secret is a required `api-key` (openai, azureopenai, fireworksai,
 * anthropic): how the key travels (header name, scheme) is the transport's business.
 */
export function apiKeyConnectionSchema(options: ApiKeyConnectionOptions): ConnectionSchema {
  return {
    types: [options.type],
    secretKeys: [API_KEY],
    requiredKeys: [API_KEY],
    optionalKeys: options.optionalKeys ?? [],
    validateEndpoint: options.validateEndpoint ?? validateHttpEndpoint,
  };
}
