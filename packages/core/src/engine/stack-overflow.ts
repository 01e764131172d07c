import type { Statement } from '@lateral/parser';
import { LateralError } from '@lateral/spec';

/** V8's RangeError for an exhausted call stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /maximum call stack size exceeded/i.test(error.message);
}

/**
 * The parser refuses SQL nested past its limit, and chains are walked in loops, so no statement
 * should exhaust the stack; should one still do so in a later stage, the user gets the coded error
 * for that statement rather than a JS stack with install paths.
 */
export function stackOverflowError(error: unknown, statement: Statement): unknown {
  if (!isStackOverflow(error)) return error;
  return new LateralError({
    code: 'LATERAL_ERR_PARSE_TOO_DEEP',
    message: 'The statement is too deeply nested to run: simplify or split it.',
    location: statement.location,
    cause: error,
  });
}
