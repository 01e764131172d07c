import type { ProviderErrorInfo } from '@lateral/spec';

/** The google.rpc.Status JSON every Google API answers errors with (reference §11.4). */
export interface GoogleRpcStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

/** `{"error":{...}}`, also wrapped in a one-element array as some Google paths send it. */
export function parseGoogleRpcStatus(bodyText: string): GoogleRpcStatus | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  const error = isObject(parsed) ? parsed.error : undefined;
  if (!isObject(error)) return undefined;
  return {
    code: typeof error.code === 'number' ? error.code : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    status: typeof error.status === 'string' ? error.status : undefined,
    details: Array.isArray(error.details) ? error.details : undefined,
  };
}

/**
 * Google's server hint is `RetryInfo.retryDelay`, a protobuf Duration (`"37s"`, `"0.2s"`); there
 * is no standard `Retry-After` header. When it is absent, the message's "Please retry in 40.5s"
 * is the next best hint.
 */
export function retryDelayMs(status: GoogleRpcStatus): number | undefined {
  for (const detail of status.details ?? []) {
    if (isObject(detail) && detail['@type'] === RETRY_INFO && typeof detail.retryDelay === 'string') {
      const ms = durationMs(detail.retryDelay);
      if (ms !== undefined) return ms;
    }
  }
  const hint = /retry in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(status.message ?? '');
  if (!hint) return undefined;
  const value = Number(hint[1]);
  return Math.round(hint[2]?.toLowerCase() === 'ms' ? value : value * 1000);
}

/** `ErrorInfo.reason`, e.g. `API_KEY_INVALID`, `RATE_LIMIT_EXCEEDED`. */
export function errorReason(status: GoogleRpcStatus): string | undefined {
  for (const detail of status.details ?? []) {
    if (isObject(detail) && detail['@type'] === ERROR_INFO && typeof detail.reason === 'string') return detail.reason;
  }
  return undefined;
}

function durationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/**
 * Reads a Gemini API error. Retryability stays with core's status rule (429 RESOURCE_EXHAUSTED and
 * 503 UNAVAILABLE retried; 400 INVALID_ARGUMENT, 403 PERMISSION_DENIED final); this only supplies
 * the message, the status name (the stable part; the ErrorInfo reason only when there is no status)
 * and the RetryInfo delay.
 */
export function describeGoogleAIError(_status: number, _headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const rpc = parseGoogleRpcStatus(bodyText);
  if (!rpc) return {};
  const info: ProviderErrorInfo = {};
  if (rpc.message !== undefined) info.message = rpc.message;
  const code = rpc.status ?? errorReason(rpc);
  if (code !== undefined) info.code = code;
  const delay = retryDelayMs(rpc);
  if (delay !== undefined) info.retryAfterMs = delay;
  return info;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
