import { LateralError, type PlainLateralError } from '@lateral/spec';
import { maskAndTruncate, maskSecrets } from '@lateral/spec';
import { ProviderCallError, type ProviderCallErrorOptions } from '@lateral/spec';

/** A task's error as plain data: errors cross threads as data and are rebuilt on the main thread. */
export type PlainTaskError =
  // a ProviderCallError's own options, less the cause (which need not survive structured cloning)
  | ({ kind: 'provider' } & Omit<ProviderCallErrorOptions, 'cause'>)
  | { kind: 'lateral'; error: PlainLateralError }
  | { kind: 'aborted' };

/**
 * `sensitive` (secrets and string inputs) is masked out of foreign errors, whose text may quote
 * the request; `secrets` (the connection's and the derived ones) also out of Lateral errors, which
 * may quote an option such as the endpoint (with its `?key=`). Lateral messages are not masked
 * with the inputs: a short input word would shred a message written for people.
 */
export function toPlainTaskError(error: unknown, sensitive: Iterable<string>, aborted: boolean, secrets: Iterable<string> = []): PlainTaskError {
  if (aborted) return { kind: 'aborted' };
  if (isProviderCallError(error)) {
    return {
      kind: 'provider',
      code: error.code,
      message: error.message,
      providerId: error.providerId,
      status: error.status,
      maskedBody: error.maskedBody,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      providerCode: error.providerCode,
    };
  }
  if (LateralError.isInstance(error)) {
    const plain = error.toPlain();
    return { kind: 'lateral', error: { ...plain, message: maskSecrets(plain.message, secrets), details: cloneableDetails(plain.details) } };
  }
  // A bug or a foreign error inside a format or transport: its text may quote the request.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    kind: 'lateral',
    error: { code: 'LATERAL_ERR_INTERNAL', message: `Unexpected failure while calling the model: ${maskAndTruncate(text, sensitive, 300)}` },
  };
}

export function fromPlainTaskError(plain: PlainTaskError): LateralError {
  switch (plain.kind) {
    case 'provider': {
      const { kind: _kind, ...options } = plain;
      return new ProviderCallError(options);
    }
    case 'lateral':
      return LateralError.fromPlain(plain.error);
    case 'aborted':
      return abortedError();
  }
}

export function abortedError(): LateralError {
  return new LateralError({ code: 'LATERAL_ERR_ABORTED', message: 'The statement was cancelled.' });
}

/** By its marker, not `instanceof`: a duplicate copy of core (a provider's own) has its own class. */
export function isProviderCallError(error: unknown): error is ProviderCallError {
  return ProviderCallError.isInstance(error);
}

/** Details are "plain facts", but a plugin may still put a function or a class there: keep JSON only. */
function cloneableDetails(details: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (details === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
