import { LateralError } from './lateral-error.js';
import type { ErrorCode } from './error-codes.js';

export interface ProviderCallErrorOptions {
  code: ErrorCode;
  message: string;
  providerId: string;
  /** HTTP status, when the provider answered. */
  status?: number;
  /** The response body, already masked (secrets and input strings replaced) and truncated. */
  maskedBody?: string;
  /** Decided in one place: core's retry policy (see inference/retry-policy.ts). */
  retryable: boolean;
  /** The server's own hint of how long to wait, in milliseconds. */
  retryAfterMs?: number;
  /** Provider error code from the body or headers, e.g. `rate_limit_exceeded`, `ThrottlingException`. */
  providerCode?: string;
  cause?: unknown;
}

/** A failed call to a model provider: HTTP error status, unreachable endpoint, timeout or bad body. */
export class ProviderCallError extends LateralError {
  readonly providerId: string;
  readonly status?: number;
  readonly maskedBody?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerCode?: string;

  constructor(options: ProviderCallErrorOptions) {
    super({
      code: options.code,
      message: options.message,
      cause: options.cause,
      details: {
        providerId: options.providerId,
        status: options.status,
        providerCode: options.providerCode,
        retryable: options.retryable,
      },
    });
    this.name = 'ProviderCallError';
    this.providerId = options.providerId;
    this.status = options.status;
    this.maskedBody = options.maskedBody;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.providerCode = options.providerCode;
  }
}
