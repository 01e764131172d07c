import type { OptionSpec } from '@lateral/spec';

/**
 * The `<provider>.*` model options every provider accepts (reference §5.4), plus Lateral's pacing
 * and batching extensions. One list, so docs/options can be generated from it. Keys are lower-case
 * and written without the provider prefix. `params.*` is not listed: it is a family of keys typed
 * by options/params.ts.
 */
export const COMMON_MODEL_OPTIONS: readonly OptionSpec[] = [
  { key: 'connection', type: 'string', description: 'Name of the connection (CREATE CONNECTION) that holds the endpoint and secrets.' },
  { key: 'input_format', type: 'string', description: "Request body format, e.g. 'OPENAI-CHAT', 'JSON:inputs'. Default: chosen by the provider." },
  { key: 'output_format', type: 'string', description: "Response format. Default: derived from the input format." },
  { key: 'input_content_type', type: 'string', description: 'Overrides the HTTP Content-Type of requests.' },
  { key: 'output_content_type', type: 'string', description: 'Overrides the HTTP Accept header of requests.' },
  { key: 'model_version', type: 'string', description: "Model id sent in the request (e.g. 'gpt-4o-mini')." },
  { key: 'system_prompt', type: 'string', description: 'System prompt for LLM formats.' },
  {
    key: 'client_timeout',
    type: 'duration-seconds',
    minimum: 1,
    description: "Per-request timeout in seconds ('120' or '120s'); the call's MAP 'client_timeout' wins.",
  },
  {
    key: 'requests_per_minute',
    type: 'int',
    minimum: 1,
    description: "Lateral extension: requests per minute this model may send; overrides the connection's 'requests-per-minute'.",
  },
  {
    key: 'tokens_per_minute',
    type: 'int',
    minimum: 1,
    description: "Lateral extension: estimated tokens per minute this model may send; overrides the connection's 'tokens-per-minute'.",
  },
  {
    key: 'max_batch_size',
    type: 'int',
    minimum: 1,
    description: "Lateral extension: caps the rows one request carries below the format's limit.",
  },
  {
    key: 'max_response_bytes',
    type: 'int',
    minimum: 1,
    description: "Lateral extension: largest response body read, in bytes (default 268435456, 256 MiB); overrides the connection's 'max-response-bytes'.",
  },
];

/** Keys under `<provider>.params.`: typed by options/params.ts, at most 32. */
export const PARAMS_PREFIX = 'params.';

/** Top-level (un-prefixed) model options (reference §5.3). */
export const TOP_LEVEL_MODEL_OPTIONS: readonly OptionSpec[] = [
  { key: 'provider', type: 'string', required: true, description: "The model provider, e.g. 'openai', 'bedrock', 'confluent'." },
  {
    key: 'task',
    type: 'string',
    required: true,
    allowed: ['classification', 'clustering', 'embedding', 'regression', 'text_generation'],
    description: 'What the model does; used by ML_EVALUATE and cannot change between versions.',
  },
  { key: 'mcp.connection', type: 'string', description: 'An mcp_server connection that makes the model usable for tool calling.' },
];

/** Only `ALTER MODEL ... SET` may set it: the version used when a reference gives none. */
export const DEFAULT_VERSION_OPTION = 'default_version';

/**
 * Inline secrets and endpoints of the 2024 dialect (reference §5.8). They are recognised so the
 * error can say what to do instead: put them on a connection.
 */
export const LEGACY_MODEL_OPTION_KEYS: readonly string[] = [
  'api_key',
  'endpoint',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'service_key',
];

/**
 * Non-secret options every connection type accepts besides `type` and `endpoint` (Lateral
 * extension read by the runtime's pacing: declared limits of the account behind the endpoint).
 */
export const COMMON_CONNECTION_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'requests-per-minute',
    type: 'int',
    minimum: 1,
    description: 'Lateral extension: requests per minute the account allows on this endpoint; requests are paced to stay under it.',
  },
  {
    key: 'tokens-per-minute',
    type: 'int',
    minimum: 1,
    description: 'Lateral extension: tokens per minute the account allows on this endpoint; requests are paced to stay under it.',
  },
  {
    key: 'max-response-bytes',
    type: 'int',
    minimum: 1,
    description: 'Lateral extension: largest response body read from this endpoint, in bytes (default 268435456, 256 MiB); a larger one fails with LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE.',
  },
];

/** Every provider id the dialect documents: data in @lateral/spec (the kernel names no provider). */
export { DIALECT_PROVIDER_IDS } from '@lateral/spec';
