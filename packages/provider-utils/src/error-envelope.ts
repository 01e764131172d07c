/**
 * The `{"error": {...}}` envelope OpenAI, Azure OpenAI and Anthropic answer errors in
 * (provider-protocols §3.5, §4.4, §5.4): the inner object, or undefined when the body is not JSON
 * or has no object under `error`. What the fields mean is each provider's business.
 */
export function readErrorEnvelope(bodyText: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
    return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A non-empty string field, or a number as text (Azure sends `code` as "429" or 429). */
export function errorText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
