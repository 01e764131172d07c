export type { Column, Row, TaskId, DataType } from '@lateral/spec';
export { TASK_IDS } from '@lateral/spec';
export type { ParamValue, ParamObject } from '@lateral/spec';

export type { Diagnostic } from '@lateral/spec';
export type { ResolvedConnection, ResolvedModel } from '@lateral/spec';
export type { SecretSink, Transport, TransportRequest, TransportResponse } from '@lateral/spec';
export type {
  FormatContext,
  EncodedRequest,
  DecodedResponse,
  ResponseBody,
  TokenUsage,
  InputFormatV1,
  OutputFormatV1,
} from '@lateral/spec';
export type { OptionSpec, OptionValueType, ConnectionSchema } from '@lateral/spec';
export type {
  ProviderV1,
  DefaultFormatContext,
  TransportDependencies,
  ProviderErrorInfo,
  ProviderCapabilities,
} from '@lateral/spec';
export type { TaskV1 } from '@lateral/spec';
export type {
  AnyConnector,
  ConnectorV1,
  ConnectorV2,
  TableDefinition,
  ConnectorContext,
  TableSink,
  TableSinkV2,
  TableSource,
  SourceBatch,
  SourcePositions,
  SecretOptionKeys,
} from '@lateral/spec';
export type { LateralPluginV1, PluginRegistrar } from '@lateral/spec';
export type {
  BoundTableFunction,
  InferenceRow,
  InferredRow,
  ModelCallPlan,
  TableFunctionArgument,
  TableFunctionBindContext,
  TableFunctionBindErrorCode,
  TableFunctionCall,
  TableFunctionKind,
  TableFunctionRunContext,
  TableFunctionV1,
} from '@lateral/spec';
export type { FormatDefaults, RateLimitHeaderNames, PluginKind, PublishedPlugin } from '@lateral/spec';
export { pluginPackageFor, PUBLISHED_PLUGINS, abortable } from '@lateral/spec';

export { ERROR_CODES } from '@lateral/spec';
export type { ErrorCode } from '@lateral/spec';
export { LateralError, LateralErrors } from '@lateral/spec';
export type { LateralErrorOptions, PlainLateralError } from '@lateral/spec';
export { ProviderCallError } from '@lateral/spec';
export type { ProviderCallErrorOptions } from '@lateral/spec';
export { MASK, maskSecrets, maskAndTruncate, secretForms } from '@lateral/spec';

export { TOKENS } from './tokens.js';
export type { Clock } from './tokens.js';

export { PluginRegistry } from './registry/plugin-registry.js';
export type { FormatRef } from './registry/plugin-registry.js';
export { normalizeFormatName, splitWrapper } from '@lateral/spec';

export { sendHttp, safeUrl } from '@lateral/spec';
export type { HttpRequest } from '@lateral/spec';
export { responseBody } from '@lateral/spec';
export { DEFAULT_MAX_RESPONSE_BYTES, maxResponseBytes } from '@lateral/spec';
export { callDeadline } from '@lateral/spec';
export type { CallDeadline } from '@lateral/spec';

export { classifyHttpFailure, retryAfterFromHeaders, RETRYABLE_STATUSES } from '@lateral/spec';
export { prepareInvocation, invokeOnce } from './inference/model-invocation.js';
export type { ModelInvocation, AttemptOptions, AttemptResult } from './inference/model-invocation.js';

export { parseParams, standardParam, extraParams, MAX_PARAMS, STANDARD_PARAM_ALIASES } from './options/params.js';
export type { StandardParamName } from './options/params.js';
export {
  builtinFormatsPlugin,
  builtinInputFormats,
  builtinOutputFormats,
  defineSinglePromptFormat,
  defineEmbeddingFormat,
  readOutputRow,
} from './formats/index.js';
export type { SinglePromptSpec, FormatPair, EmbeddingSpec } from './formats/index.js';
export { builtinTasksPlugin, builtinTasks } from './tasks/index.js';
export { builtinTableFunctions, builtinTableFunctionsPlugin } from './functions/index.js';
export { tableFunctionPackageFor } from './functions/function-package.js';

export { executeQuery, executeInsert } from './query/index.js';
export { formatDecimal } from './expressions/expr-exact.js';
export { hasExactNumbers, jsonValueText } from './expressions/expr-json-text.js';
export { builtinConnectorsPlugin } from './connectors/connectors-plugin.js';
export {
  encodeCsvLines,
  encodeJsonLines,
  isWriterDead,
  LOCAL_HOST,
  readError,
  readJsonLines,
  rowReader,
  withDataDirWriteLock,
  type CsvDialect,
  type JsonReadOptions,
  type RowOrigin,
  type WriterIdentity,
} from './connectors/connector-kit.js';
export { connectorPackageFor, unknownConnectorMessage } from './engine/plugin-loader.js';

export type { Catalog, ConnectionEntry, ModelEntry, ModelVersionEntry, TableEntry } from './catalog/catalog.js';
export type { MutableCatalog } from './catalog/mutable-catalog.js';
export { FileCatalog } from './catalog/file-catalog.js';
export { CATALOG_FILE, SECRETS_FILE } from './catalog/catalog-files.js';
export { MAX_MODEL_VERSIONS } from './catalog/model-versions.js';
export { matchesLike } from './catalog/like-pattern.js';
export {
  COMMON_MODEL_OPTIONS,
  COMMON_CONNECTION_OPTIONS,
  TOP_LEVEL_MODEL_OPTIONS,
  LEGACY_MODEL_OPTION_KEYS,
  DEFAULT_VERSION_OPTION,
} from './options/common-model-options.js';
export { resolveEnvReferences, hasEnvReference } from './options/env-reference.js';
export { validateConnectionOptions, providerPackageFor, MAX_SECRET_BYTES } from './options/connection-validation.js';
export { validateModelVersion } from './options/model-validation.js';
export { buildResolvedModel } from './options/model-resolution.js';
export type { EngineContext } from './engine/engine-context.js';
export type { StatementResult, MessageResult, RowsResult } from './engine/statement-result.js';
export { Engine } from './engine/engine.js';
export type { EngineOptions, ExecuteOptions } from './engine/engine.js';
export type { StatementEvent, StatementObserver } from './engine/statement-observer.js';
export { PluginLoader } from './engine/plugin-loader.js';
export type { ModuleImporter, ModuleResolver } from './engine/plugin-loader.js';
export { formatLateralError } from './engine/format-error.js';
export { redactSecretValues } from './engine/redact-statement.js';

export { DEFAULT_INVOCATION_CONFIG } from './inference/inference-runtime.js';
export type {
  InferenceRuntime,
  InferenceSession,
  InferenceInput,
  InferenceOutput,
  InvocationConfig,
} from './inference/inference-runtime.js';
export { createInferenceRuntime } from './inference/inference-runtime-factory.js';
export type {
  InferenceRuntimeOptions,
  InferenceExecutionMode,
  ObservableInferenceRuntime,
} from './inference/inference-runtime-factory.js';
export { retryDelayMs, DEFAULT_BACKOFF_BASE_MS, DEFAULT_BACKOFF_CAP_MS } from './inference/inference-backoff.js';
export type { BackoffOptions } from './inference/inference-backoff.js';
export { parseRateLimitHeaders, parseGoDuration } from './inference/pacing/pacing-rate-limit-headers.js';
export type { RateLimitSignals } from './inference/pacing/pacing-rate-limit-headers.js';
export { PacingController } from './inference/pacing/pacing-controller.js';
export type { PacingSettings } from './inference/pacing/pacing-controller.js';
export { declaredLimits, limiterKey } from './inference/pacing/pacing-declared-limits.js';
export type { DeclaredLimits } from './inference/pacing/pacing-declared-limits.js';
export { estimateTokens } from './inference/inference-token-estimator.js';
export type { RuntimeStats, RuntimeStatsListener, StatementStats, StatementStatsScope } from './telemetry/telemetry-runtime-stats.js';
export { withStatementSpan, startStatementSpan, statementKind, statementHash } from './telemetry/telemetry-statement-span.js';
export type { StatementSpan } from './telemetry/telemetry-statement-span.js';
export { SPAN_ATTRIBUTES, SPAN_NAMES } from './telemetry/telemetry-attributes.js';
export { TELEMETRY_SCOPE, TELEMETRY_VERSION } from './telemetry/telemetry-scope.js';
export { createKernelContainer } from './kernel/kernel-container.js';
export type { KernelOptions } from './kernel/kernel-container.js';
export { LateralKernel } from './kernel/lateral-kernel.js';
