import type { Attributes } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES } from './telemetry-attributes.js';
import type { InferenceInstruments } from './telemetry-metrics.js';
import type { RuntimeStatsTracker } from './telemetry-runtime-stats.js';

/**
 * The one place an inference event is counted: each method updates the progress counters (what
 * the CLI's progress line and `--stats` show) and the OpenTelemetry instruments together, so the
 * two can never count differently.
 */
export class InferenceRecorder {
  constructor(
    private readonly stats: RuntimeStatsTracker,
    private readonly instruments: InferenceInstruments,
    /** Provider and model name: the only attributes the metrics carry. */
    private readonly attributes: Attributes,
  ) {}

  /** An attempt is sent, after `queueWaitMs` in the pacing limiter. */
  requestSent(queueWaitMs: number): void {
    this.stats.add('requests');
    this.instruments.requests.add(1, this.attributes);
    this.instruments.queueWait.record(queueWaitMs, this.attributes);
  }

  /** An attempt ended; an aborted one does not count towards the latency the progress line shows. */
  requestEnded(durationMs: number, aborted: boolean): void {
    this.instruments.requestDuration.record(durationMs, this.attributes);
    if (!aborted) this.stats.recordLatency(durationMs);
  }

  /** Requests in flight went up (+1) or down (-1). */
  inFlight(delta: 1 | -1): void {
    this.stats.add('inFlight', delta);
    this.instruments.inFlight.add(delta, this.attributes);
  }

  succeeded(rows: number, inputTokens: number, outputTokens: number): void {
    this.stats.add('rowsDone', rows);
    this.stats.add('tokens', inputTokens + outputTokens);
    this.stats.add('inputTokens', inputTokens);
    this.stats.add('outputTokens', outputTokens);
    this.instruments.rows.add(rows, this.attributes);
    this.instruments.tokens.add(inputTokens + outputTokens, this.attributes);
  }

  failed(errorCode: string, status: number | undefined): void {
    this.stats.add('errors');
    this.instruments.errors.add(1, { ...this.attributes, [SPAN_ATTRIBUTES.errorCode]: errorCode });
    if (status === 429) {
      this.stats.add('http429');
      this.instruments.http429.add(1, this.attributes);
    }
  }

  retried(): void {
    this.stats.add('retries');
    this.instruments.retries.add(1, this.attributes);
  }

  /** Waits on a provider's rate limit (pacing holding a request back, a 429's backoff), +n or -n. */
  rateLimitWaits(delta: number): void {
    this.stats.add('rateLimitWaits', delta);
  }
}
