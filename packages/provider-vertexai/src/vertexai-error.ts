import type { ProviderErrorInfo } from '@lateral/spec';

/** google.rpc.Status (reference §11.4, §13.6); Vertex sometimes wraps it in a one-element array. */
interface RpcStatus {
  message?: string;
  status?: string;
  details?: unknown[];
}

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * Reads a Vertex AI error: the Google status body, or, for Claude on Vertex (`:rawPredict`), the
 * Anthropic body Vertex relays (`{"type":"error","error":{"type","message"}}`). Retryability stays
 * with core's status rule; this supplies the message, the status name and RetryInfo's delay.
 */
export function describeVertexAIError(_status: number, _headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : undefined;
  if (!error) return {};
  const rpc: RpcStatus = {
    message: typeof error.message === 'string' ? error.message : undefined,
    status: typeof error.status === 'string' ? error.status : typeof error.type === 'string' ? error.type : undefined,
    details: Array.isArray(error.details) ? error.details : undefined,
  };
  const info: ProviderErrorInfo = {};
  if (rpc.message !== undefined) info.message = rpc.message;
  if (rpc.status !== undefined) info.code = rpc.status;
  const delay = retryDelayMs(rpc.details ?? []);
  if (delay !== undefined) info.retryAfterMs = delay;
  return info;
}

/** RetryInfo.retryDelay is a protobuf Duration: `"37s"`, `"0.2s"`. */
function retryDelayMs(details: unknown[]): number | undefined {
  for (const detail of details) {
    if (!isObject(detail) || detail['@type'] !== RETRY_INFO || typeof detail.retryDelay !== 'string') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay.trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
