import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, hrTimeToTimeStamp, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One finished span as one line of `--trace FILE`. */
export interface SpanLine {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  /** ISO 8601 with nanoseconds. */
  start: string;
  end: string;
  durationMs: number;
  attributes: Attributes;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  events?: Array<{ name: string; time: string; attributes?: Attributes }>;
}

const STATUS_NAMES = { [SpanStatusCode.UNSET]: 'UNSET', [SpanStatusCode.OK]: 'OK', [SpanStatusCode.ERROR]: 'ERROR' } as const;

export function spanLine(span: ReadableSpan): SpanLine {
  return {
    name: span.name,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    start: hrTimeToTimeStamp(span.startTime),
    end: hrTimeToTimeStamp(span.endTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    attributes: span.attributes,
    status: { code: STATUS_NAMES[span.status.code], ...(span.status.message ? { message: span.status.message } : {}) },
    ...(span.events.length > 0
      ? { events: span.events.map((event) => ({ name: event.name, time: hrTimeToTimeStamp(event.time), attributes: event.attributes })) }
      : {}),
  };
}

/**
 * Writes finished spans to a file as NDJSON, one span per line. The file is opened (and
 * truncated) at once, so a bad path fails `--trace` before any statement runs.
 */
export class NdjsonSpanFileExporter implements SpanExporter {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    const fd = openSync(path, 'w');
    try {
      this.stream = createWriteStream(path, { fd, encoding: 'utf8' });
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.stream.on('error', (error) => (this.failure = error));
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.failure) {
      resultCallback({ code: ExportResultCode.FAILED, error: this.failure });
      return;
    }
    const text = spans.map((span) => `${JSON.stringify(spanLine(span))}\n`).join('');
    this.stream.write(text, (error) =>
      resultCallback(error ? { code: ExportResultCode.FAILED, error } : { code: ExportResultCode.SUCCESS }),
    );
  }

  async forceFlush(): Promise<void> {}

  shutdown(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed || this.stream.destroyed) resolve();
      else this.stream.end(() => resolve());
    });
  }
}
