import { isSpanContextValid, propagation, ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The trace context a task carries to a worker. The global propagator is used when an SDK set
 * one (it may add baggage); a W3C `traceparent` is written regardless, because workers have no
 * SDK and the API's default propagator does nothing.
 */
export function injectTraceCarrier(active: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  const spanContext = trace.getSpanContext(active);
  if (carrier['traceparent'] === undefined && spanContext && isSpanContextValid(spanContext)) {
    const flags = (spanContext.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
    carrier['traceparent'] = `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
  }
  return carrier;
}

export function extractTraceCarrier(carrier: Record<string, string>): Context {
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  if (trace.getSpanContext(extracted)) return extracted;
  const match = TRACEPARENT.exec(carrier['traceparent'] ?? '');
  if (!match) return extracted;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  return trace.setSpanContext(extracted, { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true });
}
