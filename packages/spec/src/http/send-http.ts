import { isRetryableConnectionFailure } from './retry-policy.js';
import { request, type Dispatcher } from 'undici';
import type { TransportResponse } from '../contracts/transport.js';
import { ProviderCallError } from '../errors/provider-call-error.js';
import { callDeadline } from './call-deadline.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readCappedBody } from './response-limit.js';

export interface HttpRequest {
  providerId: string;
  url: string;
  method?: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (default DEFAULT_MAX_RESPONSE_BYTES, 256 MiB). */
  maxResponseBytes?: number;
}

/**
 * The one place every provider request goes through undici. Network failures become
 * ProviderCallError (unreachable or timeout, both retryable); HTTP statuses are returned as they
 * are, for the caller to classify. The URL is never put in messages verbatim because Google AI
 * carries its key in the query string: only origin and path are shown. A body larger than
 * `maxResponseBytes` is never buffered: reading stops at the cap and the call fails with
 * LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE.
 */
export async function sendHttp(httpRequest: HttpRequest): Promise<TransportResponse> {
  const { providerId, url, timeoutMs } = httpRequest;
  const deadline = callDeadline(httpRequest.signal, timeoutMs);
  const { signal } = deadline;
  try {
    const response = await request(url, {
      method: httpRequest.method ?? 'POST',
      headers: httpRequest.headers,
      body: httpRequest.body,
      dispatcher: httpRequest.dispatcher,
      signal,
    });
    const headers = flattenHeaders(response.headers);
    const body = await readCappedBody(response.body, headers, {
      providerId,
      status: response.statusCode,
      maxBytes: httpRequest.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      where: safeUrl(url),
    });
    return { status: response.statusCode, headers, body };
  } catch (error) {
    if (httpRequest.signal?.aborted) throw error;
    if (error instanceof ProviderCallError) throw error;
    const where = safeUrl(url);
    if (deadline.timedOut()) {
      throw new ProviderCallError({
        code: 'LATERAL_ERR_PROVIDER_TIMEOUT',
        message: `${providerId}: no response from ${where} within ${timeoutMs} ms.`,
        providerId,
        retryable: true,
        cause: error,
      });
    }
    const systemCode = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    const reason = systemCode ?? (error instanceof Error ? error.message : String(error));
    throw new ProviderCallError({
      code: 'LATERAL_ERR_PROVIDER_UNREACHABLE',
      message: `${providerId}: cannot reach ${where} (${reason}).`,
      providerId,
      retryable: isRetryableConnectionFailure(systemCode),
      cause: error,
    });
  } finally {
    deadline.dispose();
  }
}

export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
