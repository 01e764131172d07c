import { performance } from 'node:perf_hooks';
import { context } from '@opentelemetry/api';
import type { RateLimitHeaderNames, Transport, TransportResponse } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { extractTraceCarrier } from '../telemetry/telemetry-trace-carrier.js';
import type { Row } from '@lateral/spec';
import { invokeOnce, type ModelInvocation } from './model-invocation.js';
import { pickRateLimitHeaders } from './pacing/pacing-rate-limit-headers.js';
import type { InferenceTask, TaskOutcome, TaskUsage } from './inference-task.js';
import { toPlainTaskError } from './inference-task-error.js';
import { estimateRowTokens, rowStrings } from './inference-token-estimator.js';

/** Where a thread gets the live objects for a task's model (cached per model key). */
export interface InvocationSource {
  invocationFor(task: InferenceTask): Promise<ModelInvocation>;
}

/**
 * One attempt of one task: the code path shared by the in-process executor and the pool workers.
 * It never throws: failures come back as plain data, with the status and rate-limit headers when
 * the provider answered, so the main thread can pace and retry.
 */
export async function runInferenceTask(source: InvocationSource, task: InferenceTask, signal: AbortSignal): Promise<TaskOutcome> {
  const started = performance.now();
  const cpu = { ms: 0 };
  let answered: TransportResponse | undefined;
  // the headers the model's provider reports its rate limits in
  let signalNames: RateLimitHeaderNames | undefined;
  // the connection's secrets, known before the invocation is built (building it may fail, quoting an option)
  const secrets = Object.values(task.model.connection?.secrets ?? {});
  // the invocation's secrets once it is built; the row strings join them only on a failure
  let invocationSecrets: string[] | undefined;
  // credentials the transport derives (tokens, signatures) are masked out of every failure too
  const derivedSecrets = new Set<string>();
  try {
    if (signal.aborted) return { ok: false, error: { kind: 'aborted' }, durationMs: 0 };
    const base = await source.invocationFor(task);
    signalNames = base.provider.rateLimitSignals;
    invocationSecrets = base.secrets;
    const invocation: ModelInvocation = {
      ...base,
      inputFormat: timed(base.inputFormat, 'encode', cpu),
      outputFormat: timed(base.outputFormat, 'decode', cpu),
      transport: recording(base.transport, (response) => (answered = response)),
    };
    const parent = extractTraceCarrier(task.carrier);
    const { decoded, response } = await context.with(parent, () =>
      invokeOnce(invocation, task.rows, { signal, timeoutMs: task.timeoutMs, derivedSecrets }),
    );
    if (decoded.rows.length !== task.rows.length) {
      throw new ProviderCallError({
        code: 'LATERAL_ERR_PROVIDER_RESPONSE',
        message: `${task.model.providerId}: Unexpected number of results from ML Predict. Expected ${task.rows.length} but got ${decoded.rows.length}`,
        providerId: task.model.providerId,
        status: response.status,
        retryable: false,
      });
    }
    const usage = await usageOf(decoded.usage, task.rows, decoded.rows, task.preciseTokens);
    const durationMs = performance.now() - started;
    return {
      ok: true,
      rows: decoded.rows,
      status: response.status,
      usage,
      rateLimitHeaders: pickRateLimitHeaders(response.headers, signalNames),
      durationMs,
      cpuMs: cpu.ms,
    };
  } catch (error) {
    const sensitive = invocationSecrets === undefined ? secrets : [...invocationSecrets, ...rowStrings(task.rows)];
    return {
      ok: false,
      error: toPlainTaskError(error, [...sensitive, ...derivedSecrets], signal.aborted, [...secrets, ...derivedSecrets]),
      status: answered?.status,
      rateLimitHeaders: answered ? pickRateLimitHeaders(answered.headers, signalNames) : undefined,
      durationMs: performance.now() - started,
    };
  }
}

/** Remembers the response (also an error status's) without changing what the transport does. */
function recording(transport: Transport, onResponse: (response: TransportResponse) => void): Transport {
  return {
    async send(request) {
      const response = await transport.send(request);
      onResponse(response);
      return response;
    },
    close: transport.close?.bind(transport),
  };
}

/**
 * The format with one synchronous method timed: encode and decode are plain CPU work, so their
 * wall time is their cost to the thread (the auto executor decides with it). The other members
 * are inherited unchanged.
 */
function timed<F extends object, K extends keyof F & string>(format: F, method: K, cpu: { ms: number }): F {
  const original = format[method] as unknown as (...args: unknown[]) => unknown;
  const wrapper = Object.create(format) as F;
  Object.defineProperty(wrapper, method, {
    value: (...args: unknown[]) => {
      const start = performance.now();
      try {
        return original.apply(format, args);
      } finally {
        cpu.ms += performance.now() - start;
      }
    },
  });
  return wrapper;
}

async function usageOf(
  reported: { inputTokens?: number; outputTokens?: number } | undefined,
  inputs: Row[],
  outputs: Row[],
  precise: boolean,
): Promise<TaskUsage> {
  if (reported && (reported.inputTokens !== undefined || reported.outputTokens !== undefined)) {
    return { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens, estimated: false };
  }
  const [inputTokens, outputTokens] = await Promise.all([estimateRowTokens(inputs, precise), estimateRowTokens(outputs, precise)]);
  return { inputTokens, outputTokens, estimated: true };
}
