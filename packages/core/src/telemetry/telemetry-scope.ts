import { metrics, trace, type Meter, type Tracer } from '@opentelemetry/api';

/** Instrumentation scope of every span and instrument Lateral creates. */
export const TELEMETRY_SCOPE = 'lateral';

/** Kept in step with packages/core/package.json `version` (read by hand: JSON imports cost startup). */
export const TELEMETRY_VERSION = '0.1.0';

/**
 * The tracer is a no-op until the CLI (or an embedding application) installs an SDK; the API's
 * proxy provider lets callers fetch it early and still get real spans later.
 */
export function lateralTracer(): Tracer {
  return trace.getTracer(TELEMETRY_SCOPE, TELEMETRY_VERSION);
}

/** Meters have no proxy in the API: fetch one after the SDK is installed (runtime creation time). */
export function lateralMeter(): Meter {
  return metrics.getMeter(TELEMETRY_SCOPE, TELEMETRY_VERSION);
}
