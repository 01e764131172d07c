import { describe, expect, it } from 'vitest';
import { injectTraceCarrier, extractTraceCarrier } from '../src/telemetry/telemetry-trace-carrier.js';
import { statementHash, statementKind, withStatementSpan } from '../src/telemetry/telemetry-statement-span.js';
import { RuntimeStatsTracker } from '../src/telemetry/telemetry-runtime-stats.js';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';

describe('statement span helpers', () => {
  it.each([
    ["CREATE CONNECTION c WITH ('type' = 'openai', 'api-key' = 'sk-1')", 'CREATE CONNECTION'],
    ['create model m input (t string) output (r string)', 'CREATE MODEL'],
    ['CREATE TEMPORARY TABLE IF NOT EXISTS t (a INT)', 'CREATE TABLE'],
    ["  -- a comment\n  /* block */ SELECT * FROM t", 'SELECT'],
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['SHOW MODELS', 'SHOW MODELS'],
    ['DESCRIBE MODEL m', 'DESCRIBE MODEL'],
    ['DROP MODEL IF EXISTS m', 'DROP MODEL'],
    ['ALTER MODEL m SET (...)', 'ALTER MODEL'],
    ['', 'UNKNOWN'],
  ])('names %j as %s', (text, kind) => {
    expect(statementKind(text)).toBe(kind);
  });

  it('hashes the text instead of keeping it', () => {
    expect(statementHash('SELECT 1')).toMatch(/^[0-9a-f]{16}$/);
    expect(statementHash('SELECT 1')).toBe(statementHash('SELECT 1'));
    expect(statementHash('SELECT 1')).not.toBe(statementHash('SELECT 2'));
  });

  it('returns what the function returns and rethrows what it throws', async () => {
    await expect(withStatementSpan('SELECT 1', async () => 42)).resolves.toBe(42);
    await expect(withStatementSpan('SELECT 1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('trace carrier', () => {
  it('writes a W3C traceparent without an SDK and reads it back as the remote parent', () => {
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
    const carrier = injectTraceCarrier(trace.setSpanContext(ROOT_CONTEXT, spanContext));
    expect(carrier).toEqual({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(trace.getSpanContext(extractTraceCarrier(carrier))).toEqual({ ...spanContext, isRemote: true });
  });

  it('carries nothing without an active span', () => {
    expect(injectTraceCarrier(ROOT_CONTEXT)).toEqual({});
    expect(trace.getSpanContext(extractTraceCarrier({ traceparent: 'garbage' }))).toBeUndefined();
  });
});

describe('runtime stats', () => {
  it('counts, computes rows per second since the first request, and notifies subscribers', () => {
    let now = 1000;
    const tracker = new RuntimeStatsTracker(() => now);
    const seen: number[] = [];
    const unsubscribe = tracker.subscribe((stats) => seen.push(stats.rowsDone));
    tracker.add('requests');
    now += 2000;
    tracker.add('rowsDone', 10);
    tracker.add('inFlight', 1);
    tracker.add('inFlight', -1);
    unsubscribe();
    tracker.add('rowsDone', 10);
    expect(seen).toEqual([0, 10, 10, 10]);
    expect(tracker.snapshot()).toMatchObject({ rowsDone: 20, requests: 1, inFlight: 0, elapsedMs: 2000, rowsPerSecond: 10 });
  });
});
