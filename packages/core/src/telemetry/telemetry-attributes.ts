/**
 * Span attribute names. Only identifiers, counts and timings: never a secret, a prompt, a row
 * value or an endpoint query string (Google AI may carry its key there).
 */
export const SPAN_ATTRIBUTES = {
  statementKind: 'lateral.statement.kind',
  /** SHA-256 (first 16 hex digits) of the statement text: joins spans to a statement without storing it. */
  statementHash: 'lateral.statement.hash',
  provider: 'lateral.provider',
  modelName: 'lateral.model.name',
  modelVersion: 'lateral.model.version',
  /** The provider-side model id (`<p>.model_version`, e.g. `gpt-4o-mini`), when set. */
  providerModel: 'gen_ai.request.model',
  inputFormat: 'lateral.format.input',
  outputFormat: 'lateral.format.output',
  serverAddress: 'server.address',
  httpStatus: 'http.response.status_code',
  attempt: 'lateral.request.attempt',
  rows: 'lateral.request.rows',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  /** True when the token counts are our estimate, not the provider's usage report. */
  tokensEstimated: 'lateral.tokens.estimated',
  queueWaitMs: 'lateral.request.queue_wait_ms',
  retryAfterMs: 'lateral.request.retry_after_ms',
  errorCode: 'lateral.error.code',
  retryable: 'lateral.error.retryable',
  maxParallelism: 'lateral.inference.max_parallelism',
  batchSize: 'lateral.inference.batch_size',
  ordered: 'lateral.inference.ordered',
  executor: 'lateral.inference.executor',
  rowsDone: 'lateral.inference.rows',
} as const;

export const SPAN_NAMES = {
  statement: 'lateral.statement',
  inference: 'lateral.operator.inference',
  request: 'lateral.request',
} as const;
