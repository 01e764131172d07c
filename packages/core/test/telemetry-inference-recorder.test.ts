import { describe, expect, it } from 'vitest';
import type { Attributes } from '@opentelemetry/api';
import { InferenceRecorder } from '../src/telemetry/telemetry-inference-recorder.js';
import type { InferenceInstruments } from '../src/telemetry/telemetry-metrics.js';
import { RuntimeStatsTracker } from '../src/telemetry/telemetry-runtime-stats.js';

/** Instruments that keep what they were given: name → [value, attributes][]. */
function recordingInstruments() {
  const seen: Record<string, Array<[number, Attributes | undefined]>> = {};
  const sink = (name: string) => {
    const add = (value: number, attributes?: Attributes) => void (seen[name] ??= []).push([value, attributes]);
    return { add, record: add };
  };
  const names = ['requests', 'errors', 'http429', 'retries', 'rows', 'tokens', 'requestDuration', 'queueWait', 'inFlight'];
  const instruments = Object.fromEntries(names.map((name) => [name, sink(name)])) as unknown as InferenceInstruments;
  const total = (name: string) => (seen[name] ?? []).reduce((sum, [value]) => sum + value, 0);
  return { instruments, seen, total };
}

describe('InferenceRecorder', () => {
  it('counts every event once in the progress counters and once in the metrics', () => {
    const stats = new RuntimeStatsTracker(() => 0);
    const scope = stats.openScope();
    const { instruments, seen, total } = recordingInstruments();
    const attributes = { 'lateral.provider': 'testai', 'lateral.model.name': 'm' };
    const recorder = new InferenceRecorder(stats, instruments, attributes);

    recorder.requestSent(5);
    recorder.inFlight(1);
    recorder.inFlight(-1);
    recorder.requestEnded(40, false);
    recorder.failed('LATERAL_ERR_PROVIDER_HTTP', 429);
    recorder.retried();
    recorder.requestSent(0);
    recorder.requestEnded(7, true);
    recorder.requestSent(1);
    recorder.requestEnded(30, false);
    recorder.succeeded(3, 10, 2);

    const counted = stats.snapshot();
    expect(counted).toMatchObject({ requests: 3, errors: 1, http429: 1, retries: 1, rowsDone: 3, tokens: 12, inputTokens: 10, outputTokens: 2, inFlight: 0 });
    expect([total('requests'), total('errors'), total('http429'), total('retries'), total('rows'), total('tokens'), total('inFlight')]).toEqual([
      counted.requests,
      counted.errors,
      counted.http429,
      counted.retries,
      counted.rowsDone,
      counted.tokens,
      counted.inFlight,
    ]);
    // every attempt's duration is a metric; an aborted one is left out of the statement's latencies
    expect(seen.requestDuration?.map(([value]) => value)).toEqual([40, 7, 30]);
    expect(scope.snapshot().latenciesMs).toEqual([40, 30]);
    expect(seen.errors?.[0]?.[1]).toEqual({ ...attributes, 'lateral.error.code': 'LATERAL_ERR_PROVIDER_HTTP' });
  });
});
