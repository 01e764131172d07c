/**
 * The reader of stdout went away (`lateral … | head`). Not a failure of the statement: the
 * script stops before its next statement and the CLI exits quietly (status 141, as for SIGPIPE).
 */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
  constructor() {
    super('The output stream was closed by its reader.');
  }

  static isInstance(error: unknown): error is OutputClosedError {
    return error instanceof OutputClosedError;
  }
}

export const OUTPUT_CLOSED_EXIT_STATUS = 141;

function isClosedPipeError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

function isGone(out: NodeJS.WritableStream): boolean {
  const stream = out as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean; errored?: unknown };
  return Boolean(stream.destroyed || stream.writableEnded || stream.errored);
}

/**
 * Writes text and waits for the stream to take more (backpressure). A closed reader rejects with
 * OutputClosedError instead of emitting an unhandled 'error' (which would print a stack).
 */
export function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (isGone(out)) return Promise.reject(new OutputClosedError());
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error === undefined) resolve();
      else reject(isClosedPipeError(error) || error instanceof OutputClosedError ? new OutputClosedError() : error);
    };
    const onDrain = () => finish();
    const onError = (error: unknown) => finish(error);
    const onClose = () => finish(new OutputClosedError());
    out.on('error', onError);
    out.on('close', onClose);
    const flushed = out.write(text, (error) => {
      if (error) finish(error);
    });
    if (flushed) finish();
    else out.once('drain', onDrain);
  });
}

/**
 * Keeps an 'error' on stdout/stderr from crashing the process with a stack: a closed pipe is
 * reported once through `onClosed` (which stops the running script); other errors likewise.
 */
export function watchForClosedOutput(out: NodeJS.WritableStream, onClosed: () => void): () => void {
  const listener = () => onClosed();
  out.on('error', listener);
  return () => out.off('error', listener);
}
