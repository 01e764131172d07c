import type { ProviderErrorInfo } from '@lateral/spec';

/** The in-process transport answers errors in OpenAI's shape: `{"error":{"message","type"}}`. */
export function describeLocalError(_status: number, _headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  try {
    const body = JSON.parse(bodyText) as { error?: { message?: string; type?: string } };
    return { message: body.error?.message, code: body.error?.type, retryable: false };
  } catch {
    return { message: bodyText, retryable: false };
  }
}
