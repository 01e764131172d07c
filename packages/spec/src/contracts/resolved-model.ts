import type { Column, TaskId } from '../types/schema.js';
import type { ParamObject } from '../types/params.js';

/**
 * A connection with its secrets resolved (`${env:NAME}` already read). Plain data: it crosses to
 * worker threads. Never log or print it; use `maskSecrets` with `Object.values(secrets)`.
 */
export interface ResolvedConnection {
  name: string;
  /** Lower-case connection type, e.g. `openai`, `bedrock`. */
  type: string;
  endpoint: string;
  /** Non-secret options other than type and endpoint, keys lower-cased. */
  options: Record<string, string>;
  /** Secret options (`api-key`, `aws-secret-key`, `service-key`, ...), keys lower-cased. */
  secrets: Record<string, string>;
}

/**
 * Everything needed to call one model version, as plain data. Built on the main thread by the
 * binder from the catalog; rebuilt into live objects (formats, transport) inside a worker.
 */
export interface ResolvedModel {
  name: string;
  version: number;
  /** Lower-case provider id, e.g. `openai`. */
  providerId: string;
  task: TaskId;
  input: Column[];
  output: Column[];
  /** Canonical input/output format ids, e.g. `OPENAI-CHAT`, `JSON`, with `wrapper` split off. */
  inputFormat: { id: string; wrapper?: string };
  outputFormat: { id: string; wrapper?: string };
  /** `Content-Type` / `Accept` overrides from `<p>.input_content_type` / `<p>.output_content_type`. */
  inputContentType?: string;
  outputContentType?: string;
  modelVersion?: string;
  systemPrompt?: string;
  /** Typed `<p>.params.*` (see options/params.ts). */
  params: ParamObject;
  /** `<p>.client_timeout` in milliseconds, if set. */
  clientTimeoutMs?: number;
  /** Every `<p>.<key>` option (key lower-cased, prefix removed), for provider-specific keys. */
  providerOptions: Record<string, string>;
  /** Absent for providers that need no connection (local, confluent). */
  connection?: ResolvedConnection;
}
