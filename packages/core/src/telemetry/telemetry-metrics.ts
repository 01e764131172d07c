import type { Attributes, Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import { lateralMeter } from './telemetry-scope.js';

/** The inference instruments of meter `lateral`. Attributes carry provider and model name only. */
export interface InferenceInstruments {
  requests: Counter<Attributes>;
  errors: Counter<Attributes>;
  http429: Counter<Attributes>;
  retries: Counter<Attributes>;
  rows: Counter<Attributes>;
  tokens: Counter<Attributes>;
  requestDuration: Histogram<Attributes>;
  queueWait: Histogram<Attributes>;
  inFlight: UpDownCounter<Attributes>;
}

export function createInferenceInstruments(meter: Meter = lateralMeter()): InferenceInstruments {
  return {
    requests: meter.createCounter('lateral.requests', { description: 'Provider requests sent (every attempt).' }),
    errors: meter.createCounter('lateral.errors', { description: 'Provider requests that failed (retried or not).' }),
    http429: meter.createCounter('lateral.http_429', { description: 'Provider answers with status 429.' }),
    retries: meter.createCounter('lateral.retries', { description: 'Retries scheduled after a retryable failure.' }),
    rows: meter.createCounter('lateral.rows', { description: 'Rows whose inference completed.' }),
    tokens: meter.createCounter('lateral.tokens', { description: 'Input plus output tokens (reported or estimated).' }),
    requestDuration: meter.createHistogram('lateral.request.duration', {
      description: 'Duration of one provider request attempt.',
      unit: 'ms',
    }),
    queueWait: meter.createHistogram('lateral.queue.wait', {
      description: 'Time a request waited for the pacing limiter.',
      unit: 'ms',
    }),
    inFlight: meter.createUpDownCounter('lateral.requests.in_flight', { description: 'Provider requests in flight.' }),
  };
}
