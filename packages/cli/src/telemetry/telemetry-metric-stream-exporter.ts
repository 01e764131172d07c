import { ExportResultCode, hrTimeToTimeStamp, type ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

/**
 * `OTEL_METRICS_EXPORTER=console`: one JSON line per metric point on a stream (stderr), never on
 * stdout, which carries only query rows in the machine formats.
 */
export class MetricStreamExporter implements PushMetricExporter {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    const lines: string[] = [];
    for (const scope of metrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        for (const point of metric.dataPoints) {
          lines.push(
            JSON.stringify({
              metric: metric.descriptor.name,
              unit: metric.descriptor.unit || undefined,
              scope: scope.scope.name,
              time: hrTimeToTimeStamp(point.endTime),
              attributes: point.attributes,
              value: point.value,
            }),
          );
        }
      }
    }
    if (lines.length === 0) {
      resultCallback({ code: ExportResultCode.SUCCESS });
      return;
    }
    this.stream.write(`${lines.join('\n')}\n`, (error) =>
      resultCallback(error ? { code: ExportResultCode.FAILED, error } : { code: ExportResultCode.SUCCESS }),
    );
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
