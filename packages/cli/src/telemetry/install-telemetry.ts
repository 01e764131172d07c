import { LateralError } from '@lateral/core';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { VERSION } from '../version.js';
import { readTelemetryEnvironment } from './telemetry-environment.js';

export interface TelemetryOptions {
  /** `--trace FILE`: finished spans as NDJSON. */
  traceFile?: string;
  env: NodeJS.ProcessEnv;
  /** Where warnings and console metrics go (default: process.stderr). */
  stderr?: NodeJS.WritableStream;
}

export interface InstalledTelemetry {
  /** Flushes and stops exporters; uninstalls the global providers. Safe to call twice. */
  shutdown(): Promise<void>;
}

function openTraceFile<E>(Exporter: new (path: string) => E, path: string): E {
  try {
    return new Exporter(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LateralError({ code: 'LATERAL_ERR_CLI_USAGE', message: `cannot write the trace file ${path} (${reason}).` });
  }
}

const NOTHING: InstalledTelemetry = { shutdown: async () => undefined };

/**
 * Installs the OpenTelemetry SDK only when asked (`--trace FILE`, OTLP through the standard
 * OTEL_* variables for traces and metrics, `OTEL_METRICS_EXPORTER=console`). Core depends on the API alone, whose
 * no-op providers cost nothing; the SDK modules are imported here only when needed, so a plain
 * `lateral -e` starts as fast as before. Call it before creating the inference runtime: the
 * runtime takes its meter from the global provider at creation.
 */
export async function installTelemetry(options: TelemetryOptions): Promise<InstalledTelemetry> {
  const wishes = readTelemetryEnvironment(options.env);
  const stderr = options.stderr ?? process.stderr;
  if (!options.traceFile && !wishes.otlpTraces && !wishes.consoleMetrics && !wishes.otlpMetrics) return NOTHING;

  const [api, { resourceFromAttributes }] = await Promise.all([import('@opentelemetry/api'), import('@opentelemetry/resources')]);
  const resource = resourceFromAttributes({ 'service.name': wishes.serviceName, 'service.version': VERSION });
  const shutdowns: Array<() => Promise<void>> = [];

  if (options.traceFile || wishes.otlpTraces) {
    const { NodeTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
    const spanProcessors: SpanProcessor[] = [];
    if (options.traceFile) {
      const { NdjsonSpanFileExporter } = await import('./telemetry-span-file-exporter.js');
      spanProcessors.push(new BatchSpanProcessor(openTraceFile(NdjsonSpanFileExporter, options.traceFile)));
    }
    if (wishes.otlpTraces) {
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter(wishes.otlpTracesUrl ? { url: wishes.otlpTracesUrl } : {})));
    }
    const provider = new NodeTracerProvider({ resource, spanProcessors });
    provider.register();
    shutdowns.push(async () => {
      await provider.shutdown();
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    });
  }

  if (wishes.consoleMetrics || wishes.otlpMetrics) {
    const { MeterProvider, PeriodicExportingMetricReader } = await import('@opentelemetry/sdk-metrics');
    const readers = [];
    if (wishes.consoleMetrics) {
      const { MetricStreamExporter } = await import('./telemetry-metric-stream-exporter.js');
      readers.push(new PeriodicExportingMetricReader({ exporter: new MetricStreamExporter(stderr), exportIntervalMillis: wishes.metricIntervalMs }));
    }
    if (wishes.otlpMetrics) {
      const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-http');
      const exporter = new OTLPMetricExporter(wishes.otlpMetricsUrl ? { url: wishes.otlpMetricsUrl } : {});
      readers.push(new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: wishes.metricIntervalMs }));
    }
    const provider = new MeterProvider({ resource, readers });
    api.metrics.setGlobalMeterProvider(provider);
    shutdowns.push(async () => {
      await provider.shutdown();
      api.metrics.disable();
    });
  }

  let stopped = false;
  return {
    async shutdown() {
      if (stopped) return;
      stopped = true;
      for (const shutdown of shutdowns.reverse()) await shutdown().catch(() => undefined);
    },
  };
}
