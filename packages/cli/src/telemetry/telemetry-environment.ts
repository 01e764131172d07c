/** What the standard OTEL_* variables ask for (only the part Lateral honours). */
export interface TelemetryWishes {
  otlpTraces: boolean;
  /** The traces URL from `env` (the exporter itself reads only process.env). */
  otlpTracesUrl?: string;
  /** `OTEL_METRICS_EXPORTER=console`: metric points on stderr. */
  consoleMetrics: boolean;
  /** `OTEL_METRICS_EXPORTER=otlp`: metric points over OTLP/HTTP. */
  otlpMetrics: boolean;
  /** The metrics URL from `env`. */
  otlpMetricsUrl?: string;
  serviceName: string;
  metricIntervalMs: number;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/**
 * Traces go over OTLP/HTTP when `OTEL_TRACES_EXPORTER` lists `otlp`, or when an OTLP endpoint is
 * set and `OTEL_TRACES_EXPORTER` does not say otherwise. `OTEL_SDK_DISABLED=true` turns all off.
 */
export function readTelemetryEnvironment(env: NodeJS.ProcessEnv): TelemetryWishes {
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  const traces = list(env.OTEL_TRACES_EXPORTER);
  const metrics = list(env.OTEL_METRICS_EXPORTER);
  const endpoint = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL);
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return {
    otlpTraces: !disabled && (traces.includes('otlp') || (endpoint && traces.length === 0)),
    otlpTracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined),
    consoleMetrics: !disabled && metrics.includes('console'),
    otlpMetrics: !disabled && metrics.includes('otlp'),
    otlpMetricsUrl: env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim() || (base ? `${base.replace(/\/+$/, '')}/v1/metrics` : undefined),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'lateral',
    metricIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : 60_000,
  };
}
