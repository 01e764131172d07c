export type { Column, Row, TaskId, DataType } from './types/schema.js';
export { TASK_IDS } from './types/schema.js';
export type { ParamValue, ParamObject } from './types/params.js';

export type { Diagnostic } from './contracts/diagnostic.js';
export type { ResolvedConnection, ResolvedModel } from './contracts/resolved-model.js';
export type { Transport, TransportRequest, TransportResponse } from './contracts/transport.js';
export type {
  FormatContext,
  EncodedRequest,
  DecodedResponse,
  ResponseBody,
  TokenUsage,
  InputFormatV1,
  OutputFormatV1,
} from './contracts/format.js';
export type { OptionSpec, OptionValueType, ConnectionSchema } from './contracts/option-spec.js';
export type {
  ProviderV1,
  DefaultFormatContext,
  TransportDependencies,
  ProviderErrorInfo,
  ProviderCapabilities,
} from './contracts/provider.js';
export type { TaskV1 } from './contracts/task.js';
export type { ConnectorV1, TableDefinition, ConnectorContext, TableSink } from './contracts/connector.js';
export type { LateralPluginV1, PluginRegistrar } from './contracts/plugin.js';

export { ERROR_CODES } from './errors/error-codes.js';
export type { ErrorCode } from './errors/error-codes.js';
export { LateralError, LateralErrors } from './errors/lateral-error.js';
export type { LateralErrorOptions, PlainLateralError } from './errors/lateral-error.js';
export { ProviderCallError } from './errors/provider-call-error.js';
export type { ProviderCallErrorOptions } from './errors/provider-call-error.js';
export { MASK, maskSecrets, maskAndTruncate } from './errors/mask-secrets.js';

export { TOKENS } from './tokens.js';
export type { Clock } from './tokens.js';

export { PluginRegistry } from './registry/plugin-registry.js';
export type { FormatRef } from './registry/plugin-registry.js';
export { normalizeFormatName, splitWrapper } from './registry/format-name.js';

export { sendHttp, safeUrl } from './http/send-http.js';
export type { HttpRequest } from './http/send-http.js';
export { responseBody } from './http/response-body.js';

export { classifyHttpFailure, retryAfterFromHeaders, RETRYABLE_STATUSES } from './inference/retry-policy.js';
export { prepareInvocation, invokeOnce } from './inference/model-invocation.js';
export type { ModelInvocation, AttemptOptions, AttemptResult } from './inference/model-invocation.js';
