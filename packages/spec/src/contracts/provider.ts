import type { Dispatcher } from 'undici';
import type { TaskId } from '../types/schema.js';
import type { Diagnostic } from './diagnostic.js';
import type { FormatDefaults } from './format-defaults.js';
import type { RateLimitHeaderNames } from './rate-limit-signals.js';
import type { ConnectionSchema, OptionSpec } from './option-spec.js';
import type { ResolvedModel } from './resolved-model.js';
import type { Transport } from './transport.js';

export interface DefaultFormatContext {
  task: TaskId;
  /** The connection endpoint, when the provider uses a connection. */
  endpoint?: string;
  /** All `<p>.*` options of the model, prefix removed, keys lower-cased. */
  providerOptions: Record<string, string>;
}

export interface TransportDependencies {
  /** undici dispatcher for every request (tests and benchmarks inject their own). */
  dispatcher?: Dispatcher;
  /** Milliseconds since the epoch; injected so signing and token caches are testable. */
  now?: () => number;
}

/** What the provider reads from an error response (status >= 400). */
export interface ProviderErrorInfo {
  /** Human-readable message from the body, e.g. OpenAI's `error.message`. */
  message?: string;
  /** Provider's error code/type, e.g. `rate_limit_exceeded`, `ThrottlingException`, `RESOURCE_EXHAUSTED`. */
  code?: string;
  /**
   * The provider's own say on retryability where it differs from the status rule (e.g. OpenAI
   * `insufficient_quota` 429s are final; AWS `ThrottlingException` on 400 is retryable).
   */
  retryable?: boolean;
  /** A hint from the body (e.g. Google `RetryInfo.retryDelay`), in milliseconds. */
  retryAfterMs?: number;
}

export interface ProviderCapabilities {
  /** Upper bound of rows per request whatever the format allows (e.g. Cohere embed 96). */
  maxRowsPerRequest?: number;
  /** Documented default concurrency; the MAP's max_parallelism overrides it. */
  defaultParallelism?: number;
  /**
   * Keep requests in process under `--execution auto`: for providers whose transport holds a
   * large in-memory model (local models), every pool worker would load its own copy.
   * `--execution pool` still uses the pool.
   */
  preferInProcess?: boolean;
}

/**
 * A model provider plugin (`'provider' = '<id>'`). Declares its options, picks a default format,
 * builds transports. Formats shared by several providers live in core; a provider may register
 * its own formats through its plugin's `register`.
 */
export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** Lower-case id used in `'provider' = '<id>'` and as the option prefix `<id>.`. */
  readonly id: string;
  /** Connection types it can use, lower-case; empty when `requiresConnection` is false. */
  readonly connectionTypes: readonly string[];
  readonly requiresConnection: boolean;
  /** Schemas for the connection types this provider owns. */
  readonly connectionSchemas: readonly ConnectionSchema[];
  /** Provider-specific `<id>.*` keys beyond the common ones (connection, input_format, ...). */
  readonly modelOptions: readonly OptionSpec[];
  readonly capabilities?: ProviderCapabilities;
  /**
   * Rows one request may carry for this model, when the provider knows a tighter bound than its
   * static `capabilities` from the model itself (e.g. Vertex `gemini-embedding-*` takes exactly one
   * instance per `:predict`, named by the endpoint path). Undefined means no extra bound.
   */
  maxRowsPerRequest?(model: ResolvedModel): number | undefined;
  /** The input format used when `<id>.input_format` is not set (reference §10). */
  defaultInputFormat(context: DefaultFormatContext): string;
  /**
   * The model id used when `<id>.model_version` is not set, for providers whose API needs one in
   * the request (Anthropic); undefined leaves the request without it, or to the format's own default.
   */
  readonly defaultModelVersion?: string;
  /** Provider checks at CREATE MODEL time (endpoint shape vs. format, required options). */
  validateModel?(model: ResolvedModel): Diagnostic[];
  createTransport(model: ResolvedModel, dependencies: TransportDependencies): Transport;
  /** Reads the provider's error body. The core retry policy decides with this and the status. */
  describeError?(status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo;
  /** Defaults the shared formats take from this provider, by canonical input format id. */
  readonly formatDefaults?: Readonly<Record<string, FormatDefaults>>;
  /** The headers this provider reports its rate limits in; pacing reads them (none when absent). */
  readonly rateLimitSignals?: RateLimitHeaderNames;
}
