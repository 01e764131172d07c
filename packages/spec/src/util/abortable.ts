/**
 * Waits for `promise` unless `signal` aborts first; the work behind the promise goes on (it may be
 * shared with other callers). Rejects with `reason()` when given, else with the signal's reason.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, reason?: () => unknown): Promise<T> {
  if (!signal) return promise;
  const rejection = () => (reason ? reason() : signal.reason);
  if (signal.aborted) return Promise.reject(rejection());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(rejection());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
