import type { ProviderErrorInfo } from '@lateral/spec';

/**
 * Azure ML online endpoint errors (provider-protocols §9.4). Bodies vary: the OpenAI-compatible
 * routes answer `{"error": {"code", "message"}}`, the scoring front end `{"message": …}` or plain
 * text, and a 424 (the container answered non-200) names the container's status and reason in
 * `ms-azureml-model-error-statuscode` / `ms-azureml-model-error-reason`.
 *
 * Retry: 429 (too many pending requests) and 503 (scaling) by the status rule; 408 is final
 * here — the model ran past the deployment's `request_timeout_ms`, and a retry runs as long.
 */
export function describeAzureMLError(status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const { code, message } = readBody(bodyText);
  const containerStatus = headers['ms-azureml-model-error-statuscode'];
  const containerReason = headers['ms-azureml-model-error-reason'];
  const container = containerStatus === undefined ? undefined : `model container answered ${containerStatus}${containerReason ? ` (${containerReason})` : ''}`;
  const text = [container, message].filter((part) => part !== undefined && part !== '').join(': ');
  return {
    code: code ?? (status === 424 ? 'ModelError' : undefined),
    message: text === '' ? undefined : text,
    retryable: status === 408 ? false : undefined,
  };
}

function readBody(bodyText: string): { code?: string; message?: string } {
  const trimmed = bodyText.trim();
  if (trimmed === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { message: trimmed };
  }
  if (typeof parsed === 'string') return { message: parsed };
  if (typeof parsed !== 'object' || parsed === null) return {};
  const body = parsed as Record<string, unknown>;
  const error = typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : undefined;
  const code = stringOf(error?.code) ?? stringOf(body.code);
  const message = stringOf(error?.message) ?? stringOf(body.message) ?? stringOf(body.Message) ?? stringOf(body.detail) ?? stringOf(body.error);
  return { code, message };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
