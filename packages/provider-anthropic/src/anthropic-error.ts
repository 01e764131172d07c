import type { ProviderErrorInfo } from '@lateral/spec';
import { readErrorEnvelope } from '@lateral/provider-utils';

/**
 * Reads `{"type":"error","error":{"type","message"},"request_id"}` (provider-protocols §5.4).
 * Core retries 429 `rate_limit_error` and 529 `overloaded_error` by status and reads
 * `retry-after`; here we add the error type as the code and obey `x-should-retry`, the server's
 * explicit word that the official SDK follows first.
 */
export function describeAnthropicError(_status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const error = readErrorEnvelope(bodyText);
  const info: ProviderErrorInfo = { message: text(error?.message), code: text(error?.type) };
  const shouldRetry = headers['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return info;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
