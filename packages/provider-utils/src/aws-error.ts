/** An AWS restJson1 error as the SDKs read it (provider-protocols §7.2, §8): Bedrock and SageMaker runtimes alike. */
export interface AwsErrorShape {
  code?: string;
  message?: string;
  /** The parsed JSON body, when it is an object. */
  body?: Record<string, unknown>;
}

/**
 * The code comes from `x-amzn-ErrorType` (`ThrottlingException:http://internal.amazon.com/…`:
 * the part before `:`), else from the body's `code` / `__type` (`com.amazon…#Name`: the part
 * after `#`). The message is `message` or `Message`.
 */
export function readAwsError(headers: Record<string, string>, bodyText: string): AwsErrorShape {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const rawCode = headers['x-amzn-errortype'] ?? stringField(body, 'code') ?? stringField(body, '__type') ?? stringField(body, 'Code');
  const code = rawCode === undefined ? undefined : sanitizeCode(rawCode);
  const message = stringField(body, 'message') ?? stringField(body, 'Message');
  return { code: code === '' ? undefined : code, message, body };
}

function sanitizeCode(raw: string): string {
  let code = raw.trim();
  const colon = code.indexOf(':');
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.lastIndexOf('#');
  if (hash >= 0) code = code.slice(hash + 1);
  return code;
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Error codes the AWS SDKs retry as throttling, whatever the status (provider-protocols §2.2). */
export const AWS_THROTTLING_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'TransactionInProgressException',
]);

/** Transient codes the SDKs retry, including those the service models as `$retryable`. */
export const AWS_TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ModelNotReadyException',
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailableException',
  'ServiceUnavailable',
]);

/**
 * Codes the SDKs never retry even where the status alone would be retried: Bedrock's
 * `ModelTimeoutException` is a 408 (the model itself ran too long; a retry runs as long), and
 * SageMaker's `InternalDependencyException` is a 530.
 */
export const AWS_FINAL_CODES: ReadonlySet<string> = new Set([
  'ModelTimeoutException',
  'ModelErrorException',
  'ModelError',
  'InternalDependencyException',
  'ValidationException',
  'ValidationError',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
  'ConflictException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
]);

/** The SDKs' retry decision for an AWS error code; undefined leaves it to the status rule. */
export function awsCodeRetryable(code: string | undefined): boolean | undefined {
  if (code === undefined) return undefined;
  if (AWS_THROTTLING_CODES.has(code) || AWS_TRANSIENT_CODES.has(code)) return true;
  if (AWS_FINAL_CODES.has(code)) return false;
  return undefined;
}
