import { randomUUID } from 'node:crypto';
import { trace, type Context } from '@opentelemetry/api';
import type { ResolvedModel } from '@lateral/spec';
import { SPAN_ATTRIBUTES, SPAN_NAMES } from '../telemetry/telemetry-attributes.js';
import type { InferenceInstruments } from '../telemetry/telemetry-metrics.js';
import { recordSpanError } from '../telemetry/telemetry-record-error.js';
import type { RuntimeStatsTracker } from '../telemetry/telemetry-runtime-stats.js';
import { lateralTracer } from '../telemetry/telemetry-scope.js';
import type { BackoffOptions } from './inference-backoff.js';
import type { TaskExecutor } from './inference-executor.js';
import { InferencePipeline } from './inference-pipeline.js';
import { RequestRunner } from './inference-request-runner.js';
import type { InferenceInput, InferenceOutput, InferenceSession, InvocationConfig } from './inference-runtime.js';
import type { EndpointLimiter } from './pacing/pacing-endpoint-limiter.js';

export interface SessionDependencies {
  model: ResolvedModel;
  modelKey: string;
  moduleUrl?: string;
  config: InvocationConfig;
  /** Rows one request may carry (ModelInvocation.maxRowsPerRequest). */
  maxRowsPerRequest: number;
  /** One row per request unless max_batch_size asks for more (ModelInvocation.batchOnRequest). */
  batchOnRequest?: boolean;
  signal?: AbortSignal;
  limiter: EndpointLimiter;
  executor: TaskExecutor;
  stats: RuntimeStatsTracker;
  instruments: InferenceInstruments;
  /** The context active when the session was opened (the statement span's). */
  parentContext: Context;
  backoff: BackoffOptions;
  now: () => number;
}

/** max_parallelism, or 1 when async_enabled is false. */
export function effectiveParallelism(config: InvocationConfig): number {
  return config.asyncEnabled ? Math.max(1, Math.floor(config.maxParallelism)) : 1;
}

/**
 * Rows per request: the format's and provider's limit, capped by max_batch_size from the call's
 * MAP or, when the MAP has none, from the model's `<p>.max_batch_size` option. For a format that
 * batches only on request (custom-model bodies), no max_batch_size means one row per request.
 */
export function effectiveBatchSize(config: InvocationConfig, maxRowsPerRequest: number, model?: ResolvedModel, batchOnRequest = false): number {
  const fromModel = Number(model?.providerOptions['max_batch_size']);
  const requested = config.maxBatchSize ?? (Number.isFinite(fromModel) ? fromModel : undefined);
  const asked = requested !== undefined && requested >= 1 ? Math.floor(requested) : undefined;
  const cap = asked ?? (batchOnRequest ? 1 : Number.POSITIVE_INFINITY);
  return Math.max(1, Math.min(maxRowsPerRequest, cap));
}

/** One lateral operator's use of one model: each `process` call is one `lateral.operator.inference` span. */
export class LateralInferenceSession implements InferenceSession {
  constructor(private readonly dependencies: SessionDependencies) {}

  process<T>(inputs: AsyncIterable<Array<InferenceInput<T>>>): AsyncIterable<Array<InferenceOutput<T>>> {
    return this.run(inputs);
  }

  private async *run<T>(inputs: AsyncIterable<Array<InferenceInput<T>>>): AsyncGenerator<Array<InferenceOutput<T>>> {
    const { model, config, limiter, executor } = this.dependencies;
    const maxParallelism = effectiveParallelism(config);
    const batchSize = effectiveBatchSize(config, this.dependencies.maxRowsPerRequest, model, this.dependencies.batchOnRequest);
    const sessionId = randomUUID();
    const span = lateralTracer().startSpan(
      SPAN_NAMES.inference,
      {
        attributes: {
          [SPAN_ATTRIBUTES.provider]: model.providerId,
          [SPAN_ATTRIBUTES.modelName]: model.name,
          [SPAN_ATTRIBUTES.modelVersion]: model.version,
          [SPAN_ATTRIBUTES.inputFormat]: model.inputFormat.id,
          [SPAN_ATTRIBUTES.outputFormat]: model.outputFormat.id,
          [SPAN_ATTRIBUTES.maxParallelism]: maxParallelism,
          [SPAN_ATTRIBUTES.batchSize]: batchSize,
          [SPAN_ATTRIBUTES.ordered]: config.ordered,
          [SPAN_ATTRIBUTES.executor]: executor.kind,
        },
      },
      this.dependencies.parentContext,
    );
    const operatorContext = trace.setSpan(this.dependencies.parentContext, span);
    const release = limiter.acquire(maxParallelism);
    const outerSignal = this.dependencies.signal ?? new AbortController().signal;
    const runner = new RequestRunner({ ...this.dependencies, sessionId, operatorContext });
    const pipeline = new InferencePipeline<T>(inputs, {
      batchSize,
      maxParallelism,
      ordered: config.ordered,
      signal: outerSignal,
      runBatch: (rows, position, signal) => runner.run(rows, position, signal),
      onCancel: () => executor.cancelSession(sessionId),
    });
    let rows = 0;
    let failure: unknown;
    try {
      for (let outputs = await pipeline.next(); outputs; outputs = await pipeline.next()) {
        rows += outputs.length;
        yield outputs;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      pipeline.close();
      release();
      span.setAttribute(SPAN_ATTRIBUTES.rowsDone, rows);
      if (failure !== undefined) recordSpanError(span, failure);
      span.end();
    }
  }
}
