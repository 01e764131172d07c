import { SpanStatusCode, type Span } from '@opentelemetry/api';
import { LateralError } from '@lateral/spec';
import { SPAN_ATTRIBUTES } from './telemetry-attributes.js';

/**
 * Marks a span failed. Lateral's own errors carry masked messages by construction; anything else
 * is recorded by name only, because a foreign message may quote a request.
 */
export function recordSpanError(span: Span, error: unknown): void {
  if (LateralError.isInstance(error)) {
    span.setAttribute(SPAN_ATTRIBUTES.errorCode, error.code);
    span.recordException({ name: error.code, message: error.message });
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    return;
  }
  const name = error instanceof Error ? error.name : typeof error;
  span.recordException({ name, message: name });
  span.setStatus({ code: SpanStatusCode.ERROR, message: name });
}
