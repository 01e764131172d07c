import type { ProviderErrorInfo } from '@lateral/spec';
import { awsCodeRetryable, readAwsError } from '@lateral/provider-utils';

/**
 * Bedrock runtime errors: `x-amzn-ErrorType` + `{"message": …}`, read as the AWS SDKs read them
 * (provider-protocols §7.2). ModelErrorException carries `originalStatusCode` and
 * `resourceName`, added to the message. `x-amz-retry-after` is read by core's retry policy from
 * the headers.
 */
export function describeBedrockError(_status: number, headers: Record<string, string>, bodyText: string): ProviderErrorInfo {
  const { code, message, body } = readAwsError(headers, bodyText);
  const original = body?.originalStatusCode;
  const detail = original === undefined ? message : `${message ?? 'model error'} (model status ${String(original)})`;
  return { code, message: detail, retryable: awsCodeRetryable(code) };
}
