import type { ProviderErrorInfo } from '@lateral/spec';
import { awsCodeRetryable, readAwsError } from '@lateral/provider-utils';

/**
 * SageMaker runtime errors: `x-amzn-ErrorType` + `{"Message": …}` (capital M), read as the AWS
 * SDKs read them (provider-protocols §7.2, §8). A ModelError (424: the container answered
 * non-2xx) also carries `OriginalStatusCode`, `OriginalMessage` and `LogStreamArn`, which say
 * what actually went wrong: the message is built from them, because the service's own `Message`
 * restates them around a console URL and would push them out of a truncated error message.
 */
export function describeSageMakerError(_status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const { code, message, body } = readAwsError(headers, bodyText);
  const originalStatus = body?.OriginalStatusCode;
  if (originalStatus === undefined) return { code, message, retryable: awsCodeRetryable(code) };
  const originalMessage = typeof body?.OriginalMessage === 'string' ? body.OriginalMessage : message;
  const logStream = typeof body?.LogStreamArn === 'string' ? ` (log stream ${body.LogStreamArn})` : '';
  return { code, message: `model container answered ${String(originalStatus)}: ${originalMessage ?? 'no message'}${logStream}`, retryable: awsCodeRetryable(code) };
}
