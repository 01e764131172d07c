import type { ProviderErrorInfo } from '@lateral/spec';
import { errorText as text, readErrorEnvelope } from '@lateral/provider-utils';

/**
 * Reads Fireworks errors defensively: their shape is not documented precisely
 * (provider-protocols §10, §16), so OpenAI's `{"error":{"message","type","code"}}` is read
 * first, then a FastAPI-style `{"detail": ...}`, then a top-level `message` or `error` string.
 * Retryability is left to core's status rule.
 */
export function describeFireworksAIError(_status: number, _headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const envelope = readErrorEnvelope(bodyText);
  if (envelope) return { message: text(envelope.message), code: text(envelope.code) ?? text(envelope.type) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const body = parsed as { error?: unknown; detail?: unknown; message?: unknown; code?: unknown };
  const detail = typeof body.detail === 'string' ? body.detail : Array.isArray(body.detail) ? JSON.stringify(body.detail) : undefined;
  return { message: detail ?? text(body.message) ?? text(body.error), code: text(body.code) };
}
