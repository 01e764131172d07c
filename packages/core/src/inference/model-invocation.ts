import type { FormatContext, InputFormatV1, OutputFormatV1, DecodedResponse } from '@lateral/spec';
import type { ProviderV1, TransportDependencies } from '@lateral/spec';
import type { ResolvedModel } from '@lateral/spec';
import type { Transport, TransportResponse } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { maskAndTruncate } from '@lateral/spec';
import { responseBody } from '@lateral/spec';
import { maxResponseBytes } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { formatContextFor } from '../formats/format-context.js';
import type { Row } from '@lateral/spec';
import { rowStrings } from './inference-token-estimator.js';
import { classifyHttpFailure } from '@lateral/spec';

/** Live objects for calling one model: built once per model per thread and cached by the caller. */
export interface ModelInvocation {
  model: ResolvedModel;
  provider: ProviderV1;
  inputFormat: InputFormatV1;
  outputFormat: OutputFormatV1;
  context: FormatContext;
  transport: Transport;
  /** Secrets of the connection, for masking. */
  secrets: string[];
  /** Rows one request may carry: the format's limit, capped by the provider's. */
  maxRowsPerRequest: number;
  /** Largest response body read (model, else connection option, else the default). */
  maxResponseBytes: number;
  /** Whether rows are batched only when max_batch_size asks (InputFormatV1.batching `on-request`). */
  batchOnRequest: boolean;
}

export function prepareInvocation(
  registry: PluginRegistry,
  model: ResolvedModel,
  dependencies: TransportDependencies,
): ModelInvocation {
  const provider = registry.provider(model.providerId);
  if (!provider) {
    throw new LateralError({ code: 'LATERAL_ERR_PROVIDER_UNKNOWN', message: `Provider '${model.providerId}' is not registered.` });
  }
  const inputFormat = registry.inputFormat(model.inputFormat.id)?.format;
  const outputFormat = registry.outputFormat(model.outputFormat.id)?.format;
  if (!inputFormat || !outputFormat) {
    const name = inputFormat ? model.outputFormat.id : model.inputFormat.id;
    throw new LateralError({ code: 'LATERAL_ERR_FORMAT_UNKNOWN', message: `Format '${name}' is not registered.` });
  }
  const context: FormatContext = {
    ...formatContextFor(model, provider),
    wrapper: model.inputFormat.wrapper,
    outputFormatId: model.outputFormat.id,
  };
  const formatLimit = inputFormat.maxRowsPerRequest(context);
  const providerLimit = Math.min(
    provider.capabilities?.maxRowsPerRequest ?? Number.POSITIVE_INFINITY,
    provider.maxRowsPerRequest?.(model) ?? Number.POSITIVE_INFINITY,
  );
  return {
    model,
    provider,
    inputFormat,
    outputFormat,
    context,
    transport: provider.createTransport(model, dependencies),
    secrets: Object.values(model.connection?.secrets ?? {}),
    maxRowsPerRequest: Math.max(1, Math.min(formatLimit, providerLimit)),
    maxResponseBytes: maxResponseBytes(model),
    batchOnRequest: inputFormat.batching === 'on-request',
  };
}

export interface AttemptOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Receives the credentials the transport derives (see TransportRequest.secrets); the caller masks them too. */
  derivedSecrets?: Set<string>;
}

export interface AttemptResult {
  decoded: DecodedResponse;
  response: TransportResponse;
}

/**
 * One attempt: encode the rows, send, classify a failure, decode a success. Retries, pacing and
 * batching live around this, in the inference runtime.
 */
export async function invokeOnce(invocation: ModelInvocation, rows: Row[], options: AttemptOptions = {}): Promise<AttemptResult> {
  const { model, inputFormat, outputFormat, context, transport, provider } = invocation;
  const encoded = inputFormat.encode(rows, context);
  const headers: Record<string, string> = {
    'content-type': model.inputContentType ?? encoded.contentType ?? inputFormat.contentType,
    accept: model.outputContentType ?? outputFormat.accept,
    ...encoded.headers,
  };
  const derivedSecrets = options.derivedSecrets ?? new Set<string>();
  const response = await transport.send({
    body: encoded.body,
    headers,
    operation: encoded.operation,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: invocation.maxResponseBytes,
    secrets: derivedSecrets,
  });
  // every string sent, also those inside ARRAY, MAP and ROW values; gathered only on a failure,
  // not on every successful request
  const sensitive = (): string[] => [...invocation.secrets, ...derivedSecrets, ...rowStrings(rows)];
  if (response.status < 200 || response.status >= 300) {
    const bodyText = new TextDecoder().decode(response.body);
    throw classifyHttpFailure({
      providerId: model.providerId,
      status: response.status,
      headers: response.headers,
      bodyText,
      info: provider.describeError?.(response.status, response.headers, bodyText),
      sensitive: sensitive(),
    });
  }
  const body = responseBody(response.body, response.headers['content-type']);
  try {
    return { decoded: outputFormat.decode(body, { ...context, wrapper: model.outputFormat.wrapper }, rows.length), response };
  } catch (error) {
    if (error instanceof ProviderCallError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const masked = sensitive();
    throw new ProviderCallError({
      code: 'LATERAL_ERR_PROVIDER_RESPONSE',
      message: `${model.providerId}: ${maskAndTruncate(message, masked, 300)}`,
      providerId: model.providerId,
      status: response.status,
      maskedBody: maskAndTruncate(body.text(), masked),
      retryable: false,
      cause: error,
    });
  }
}
