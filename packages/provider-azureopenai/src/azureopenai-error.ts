import type { ProviderErrorInfo } from '@lateral/spec';
import { errorText as text, readErrorEnvelope } from '@lateral/provider-utils';

/** Azure's own hints beyond a minute are left to the runtime's backoff, as core does for headers. */
const MAX_HINT_MS = 60_000;

/**
 * Reads Azure OpenAI errors (provider-protocols §4.4): OpenAI-shaped `{"error":{...}}`, where a
 * 429 has `code` as a string ("429") and says "Please retry after N seconds" in the message. The
 * `retry-after-ms` / `retry-after` headers are read by core; the message is the fallback. A
 * content-filter refusal (`code: "content_filter"`) keeps its inner code for the message.
 */
export function describeAzureOpenAIError(status: number, _headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const error = readErrorEnvelope(bodyText) as { message?: unknown; type?: unknown; code?: unknown; innererror?: { code?: unknown } } | undefined;
  const message = text(error?.message);
  const code = text(error?.code) ?? text(error?.type);
  const inner = text(error?.innererror?.code);
  const info: ProviderErrorInfo = { message: inner && message ? `${message} (${inner})` : message, code };
  if (status === 429 && message) {
    const seconds = /(?:retry after|try again in) (\d+(?:\.\d+)?) seconds?/i.exec(message)?.[1];
    const ms = seconds === undefined ? undefined : Number(seconds) * 1000;
    if (ms !== undefined && ms <= MAX_HINT_MS) info.retryAfterMs = ms;
  }
  return info;
}
