import type { ProviderErrorInfo } from '@lateral/core';
import { rateLimitHintMs } from './openai-retry-hint.js';

interface OpenAIErrorObject {
  message?: unknown;
  type?: unknown;
  param?: unknown;
  code?: unknown;
}

/**
 * Reads OpenAI's `{"error":{"message","type","param","code"}}` (provider-protocols §3.5). Core's
 * retry policy decides with this and the status; here we only add what the body and headers say:
 * `insufficient_quota` 429s are final (retrying cannot buy quota), `x-should-retry` is the
 * server's explicit word (the official SDKs obey it first), and a 429 carries a wait hint.
 */
export function describeOpenAIError(status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const error = readErrorObject(bodyText);
  const message = nonEmptyString(error?.message);
  const type = nonEmptyString(error?.type);
  const code = nonEmptyString(error?.code) ?? type;
  const info: ProviderErrorInfo = { message, code };
  const shouldRetry = headers['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  if (code === 'insufficient_quota' || type === 'insufficient_quota') info.retryable = false;
  if (status === 429) info.retryAfterMs = rateLimitHintMs(message, type, headers);
  return info;
}

function readErrorObject(bodyText: string): OpenAIErrorObject | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    return typeof error === 'object' && error !== null ? (error as OpenAIErrorObject) : undefined;
  } catch {
    return undefined;
  }
}

/** OpenAI sends `code` as a string; Azure sometimes as a number ("429" or 429). */
function nonEmptyString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
