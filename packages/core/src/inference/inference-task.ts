import type { ResolvedModel } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import type { PlainTaskError } from './inference-task-error.js';

/**
 * One request attempt as plain data: it crosses to a worker thread by structured clone, so it
 * holds no functions, dispatchers or class instances.
 */
export interface InferenceTask {
  /** Cancellation is per session: one message cancels every task of it (see pool-cancel-channel). */
  sessionId: string;
  model: ResolvedModel;
  /** Stable hash of `model` (inference-model-key.ts): the worker's cache key for its ModelInvocation. */
  modelKey: string;
  /** URL of the provider package's entry, which exports `plugin`; the worker imports it. */
  moduleUrl?: string;
  rows: Row[];
  /** 0 for the first attempt. */
  attempt: number;
  /** Per-attempt timeout: the call's client_timeout (it bounds each attempt, not the row). */
  timeoutMs: number;
  /** W3C trace context of the request span (propagation.inject). */
  carrier: Record<string, string>;
  /** Tokenize with js-tiktoken when the provider reports no usage (workers pay the encoder's load). */
  preciseTokens: boolean;
}

export interface TaskUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** True when the counts are our estimate. */
  estimated: boolean;
}

export interface TaskSuccess {
  ok: true;
  /** One output row per input row, in the request's order. */
  rows: Row[];
  status: number;
  usage: TaskUsage;
  /** Rate-limit headers of the response (pacing reads them on the main thread). */
  rateLimitHeaders: Record<string, string>;
  durationMs: number;
  /** Milliseconds of synchronous format work (encode + decode): what the request costs its thread. */
  cpuMs?: number;
}

export interface TaskFailure {
  ok: false;
  error: PlainTaskError;
  /** Present when the provider answered. */
  status?: number;
  rateLimitHeaders?: Record<string, string>;
  durationMs: number;
}

export type TaskOutcome = TaskSuccess | TaskFailure;
