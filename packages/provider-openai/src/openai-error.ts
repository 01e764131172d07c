import type { ProviderErrorInfo } from '@lateral/spec';
import { errorText, readErrorEnvelope } from '@lateral/provider-utils';
import { rateLimitHintMs } from './openai-retry-hint.js';

/**
 * Reads OpenAI's `{"error":{"message","type","param","code"}}` (provider-protocols §3.5). Core's
 * retry policy decides with this and the status; here we only add what the body and headers say:
 * `insufficient_quota` 429s are final (retrying cannot buy quota), `x-should-retry` is the
 * server's explicit word (the official SDKs obey it first), and a 429 carries a wait hint.
 */
export function describeOpenAIError(status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const error = readErrorEnvelope(bodyText);
  const message = errorText(error?.message);
  const type = errorText(error?.type);
  const code = errorText(error?.code) ?? type;
  const info: ProviderErrorInfo = { message, code };
  const shouldRetry = headers['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  if (code === 'insufficient_quota' || type === 'insufficient_quota') info.retryable = false;
  if (status === 429) info.retryAfterMs = rateLimitHintMs(message, type, headers);
  return info;
}
