import { setTimeout as sleep } from 'node:timers/promises';
import { trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { ResolvedModel } from '@lateral/spec';
import { SPAN_ATTRIBUTES, SPAN_NAMES } from '../telemetry/telemetry-attributes.js';
import type { InferenceInstruments } from '../telemetry/telemetry-metrics.js';
import { recordSpanError } from '../telemetry/telemetry-record-error.js';
import type { RuntimeStatsTracker } from '../telemetry/telemetry-runtime-stats.js';
import { InferenceRecorder } from '../telemetry/telemetry-inference-recorder.js';
import { lateralTracer } from '../telemetry/telemetry-scope.js';
import { injectTraceCarrier } from '../telemetry/telemetry-trace-carrier.js';
import type { Row } from '@lateral/spec';
import { DEFAULT_RATE_LIMIT_PATIENCE_MS, retryDelayMs, type BackoffOptions } from './inference-backoff.js';
import type { TaskExecutor } from './inference-executor.js';
import { finalError, type RowPosition } from './inference-request-errors.js';
import type { InvocationConfig } from './inference-runtime.js';
import type { InferenceTask, TaskOutcome } from './inference-task.js';
import { abortedError, fromPlainTaskError, isProviderCallError } from './inference-task-error.js';
import { estimateRowTokens } from './inference-token-estimator.js';
import { expectedOutputTokens } from './pacing/pacing-declared-limits.js';
import type { EndpointLimiter } from './pacing/pacing-endpoint-limiter.js';

export interface RequestRunnerContext {
  model: ResolvedModel;
  modelKey: string;
  moduleUrl?: string;
  config: InvocationConfig;
  sessionId: string;
  limiter: EndpointLimiter;
  executor: TaskExecutor;
  stats: RuntimeStatsTracker;
  instruments: InferenceInstruments;
  /** Context holding the operator span: request spans are its children. */
  operatorContext: Context;
  backoff: BackoffOptions;
  now: () => number;
}

interface AttemptTiming {
  /** The call's client_timeout: how long this one attempt may take. */
  timeoutMs: number;
  dispatchedAt: number;
  queueWaitMs: number;
  /** Tokens reserved from the endpoint's token limiter (0 when it has none). */
  estimatedTokens: number;
}

/**
 * Runs one batch to completion: paced by the endpoint's limiter, retried while the failure is
 * retryable (ProviderCallError.retryable, decided by the retry policy alone) and retry_count
 * allows (429s excepted, see below). Each attempt may take the call's client_timeout; the time a
 * row waits in the limiter's queue or for a 429's retry-after is not part of it.
 */
export class RequestRunner {
  private typicalLatencyMs = 0;
  /** Pacing reports when it holds a request back (start slot, token budget). */
  private readonly pacingWaits = (delta: number) => this.recorder.rateLimitWaits(delta);
  private readonly recorder: InferenceRecorder;
  private readonly metricAttributes: Attributes;
  private readonly spanAttributes: Attributes;

  constructor(private readonly context: RequestRunnerContext) {
    const { model } = context;
    this.metricAttributes = { [SPAN_ATTRIBUTES.provider]: model.providerId, [SPAN_ATTRIBUTES.modelName]: model.name };
    this.recorder = new InferenceRecorder(context.stats, context.instruments, this.metricAttributes);
    this.spanAttributes = {
      ...this.metricAttributes,
      [SPAN_ATTRIBUTES.modelVersion]: model.version,
      [SPAN_ATTRIBUTES.inputFormat]: model.inputFormat.id,
      [SPAN_ATTRIBUTES.outputFormat]: model.outputFormat.id,
      ...(model.modelVersion ? { [SPAN_ATTRIBUTES.providerModel]: model.modelVersion } : {}),
      ...(serverAddress(model) ? { [SPAN_ATTRIBUTES.serverAddress]: serverAddress(model) } : {}),
    };
  }

  /** `signal` is the session's: aborted when the statement is cancelled, fails or stops early. */
  async run(rows: Row[], position: RowPosition, signal: AbortSignal): Promise<Row[]> {
    const { config, limiter, model } = this.context;
    const estimatedTokens = limiter.tokenLimited
      ? (await estimateRowTokens(rows, true)) + expectedOutputTokens(model.params) * rows.length
      : 0;
    // Failures retried so far. A 429 is pacing's signal to slow down, not a failure of the row:
    // while retries are allowed at all, 429s are retried (after the server's hint, however much
    // longer than client_timeout it is) and do not use up retry_count, as long as the endpoint
    // keeps making progress: the row fails only once no request to the endpoint has succeeded for
    // the rate-limit patience (a dead key or an exhausted daily quota, not a limit to pace to).
    let failuresRetried = 0;
    let rateLimitedSince: number | undefined;
    const patienceMs = this.context.backoff.rateLimitPatienceMs ?? DEFAULT_RATE_LIMIT_PATIENCE_MS;
    for (let attempt = 0; ; attempt += 1) {
      if (signal.aborted) throw abortedError();
      const outcome = await limiter.schedule(
        signal,
        estimatedTokens,
        async (dispatchedAt, queueWaitMs) =>
          // client_timeout bounds each call, not the row's wait for capacity (Confluent's meaning).
          this.attempt(rows, attempt, { timeoutMs: config.clientTimeoutMs, dispatchedAt, queueWaitMs, estimatedTokens }, signal),
        this.pacingWaits,
      );
      if (outcome.ok) return outcome.rows;
      const error = fromPlainTaskError(outcome.error);
      if (signal.aborted || error.code === 'LATERAL_ERR_ABORTED') throw abortedError();
      if (!isProviderCallError(error) || !error.retryable) throw finalError(error, model, position, { debug: config.debug });
      const rateLimited = error.status === 429 && config.retryCount > 0;
      if (!rateLimited && failuresRetried >= config.retryCount) {
        throw finalError(error, model, position, {
          code: 'LATERAL_ERR_RETRIES_EXHAUSTED',
          message: `${error.message} (still failing after ${attempts(attempt + 1)}; retry_count is ${config.retryCount})`,
          debug: config.debug,
        });
      }
      if (rateLimited) {
        const now = this.context.now();
        rateLimitedSince ??= now;
        const stalledMs = now - Math.max(rateLimitedSince, limiter.controller.lastSuccessAt);
        if (stalledMs >= patienceMs) {
          throw finalError(error, model, position, {
            code: 'LATERAL_ERR_RETRIES_EXHAUSTED',
            message: `${error.message} (still rate-limited after ${attempts(attempt + 1)}: no request to this endpoint succeeded for ${Math.round(stalledMs / 1000)} s)`,
            debug: config.debug,
          });
        }
      } else {
        rateLimitedSince = undefined;
        failuresRetried += 1;
      }
      const delay = retryDelayMs(attempt, error.retryAfterMs, this.context.backoff);
      this.recorder.retried();
      // Backing off after a 429 is waiting on the provider's rate limit (the progress line says so).
      if (rateLimited) this.recorder.rateLimitWaits(1);
      try {
        await sleep(delay, undefined, { signal }).catch(() => {
          throw abortedError();
        });
      } finally {
        if (rateLimited) this.recorder.rateLimitWaits(-1);
      }
    }
  }

  private async attempt(rows: Row[], attempt: number, timing: AttemptTiming, signal: AbortSignal): Promise<TaskOutcome> {
    const { limiter } = this.context;
    const { timeoutMs, dispatchedAt, queueWaitMs, estimatedTokens } = timing;
    const span = lateralTracer().startSpan(
      SPAN_NAMES.request,
      {
        attributes: {
          ...this.spanAttributes,
          [SPAN_ATTRIBUTES.attempt]: attempt,
          [SPAN_ATTRIBUTES.rows]: rows.length,
          [SPAN_ATTRIBUTES.queueWaitMs]: Math.round(queueWaitMs),
        },
      },
      this.context.operatorContext,
    );
    this.recorder.requestSent(queueWaitMs);
    const outcome = await this.execute(span, rows, attempt, timeoutMs, signal);
    this.recorder.requestEnded(outcome.durationMs, !outcome.ok && outcome.error.kind === 'aborted');
    if (outcome.status !== undefined) span.setAttribute(SPAN_ATTRIBUTES.httpStatus, outcome.status);
    if (outcome.ok) {
      const { inputTokens = 0, outputTokens = 0, estimated } = outcome.usage;
      span.setAttributes({
        [SPAN_ATTRIBUTES.inputTokens]: inputTokens,
        [SPAN_ATTRIBUTES.outputTokens]: outputTokens,
        [SPAN_ATTRIBUTES.tokensEstimated]: estimated,
      });
      limiter.noteSuccess(dispatchedAt, outcome.rateLimitHeaders, inputTokens + outputTokens - estimatedTokens);
      this.recorder.succeeded(rows.length, inputTokens, outputTokens);
    } else if (outcome.error.kind !== 'aborted' || !signal.aborted) {
      const error = fromPlainTaskError(outcome.error);
      const retryAfterMs = isProviderCallError(error) ? error.retryAfterMs : undefined;
      if (retryAfterMs !== undefined) span.setAttribute(SPAN_ATTRIBUTES.retryAfterMs, retryAfterMs);
      if (isProviderCallError(error)) span.setAttribute(SPAN_ATTRIBUTES.retryable, error.retryable);
      limiter.noteFailure(dispatchedAt, outcome.status, retryAfterMs, outcome.rateLimitHeaders);
      this.recorder.failed(error.code, outcome.status);
      recordSpanError(span, error);
    } else {
      recordSpanError(span, abortedError());
    }
    span.end();
    return outcome;
  }

  private async execute(span: Span, rows: Row[], attempt: number, timeoutMs: number, signal: AbortSignal): Promise<TaskOutcome> {
    const { model, modelKey, moduleUrl, sessionId, executor } = this.context;
    const carrier = injectTraceCarrier(trace.setSpan(this.context.operatorContext, span));
    const task: InferenceTask = {
      sessionId,
      model,
      modelKey,
      moduleUrl,
      rows,
      attempt,
      timeoutMs: Math.max(1, Math.floor(timeoutMs)),
      carrier,
      // Pool workers tokenize precisely (off the main thread); see PoolExecutor.
      preciseTokens: false,
    };
    this.recorder.inFlight(1);
    try {
      return await executor.run(task, signal);
    } finally {
      this.recorder.inFlight(-1);
    }
  }
}

function attempts(count: number): string {
  return count === 1 ? '1 attempt' : `${count} attempts`;
}

/** Host and port only: the path may name a deployment and the query string may carry a key. */
function serverAddress(model: ResolvedModel): string | undefined {
  const endpoint = model.connection?.endpoint;
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint).host;
  } catch {
    return undefined;
  }
}
