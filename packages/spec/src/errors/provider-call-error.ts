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

/** Its own marker: `LateralError.isInstance` is true for every Lateral error, this one only for provider failures. */
const PROVIDER_CALL_MARKER = Symbol.for('lateral.provider-call-error');

/** A failed call to a model provider: HTTP error status, unreachable endpoint, timeout or bad body. */
export class ProviderCallError extends LateralError {
  readonly [PROVIDER_CALL_MARKER] = true;
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

  /**
   * True only for ProviderCallErrors, by the `Symbol.for` marker, so a copy of the class from a
   * duplicate install of core is recognised too. Errors cross worker threads as plain data and are
   * rebuilt as ProviderCallErrors on the main thread (inference-task-error.ts).
   */
  static override isInstance(value: unknown): value is ProviderCallError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PROVIDER_CALL_MARKER] === true;
  }
}
