import type { SourceLocation, Statement } from '@lateral/parser';
import { LateralError, LateralErrors } from '@lateral/spec';
import { redactSecretValues } from './redact-statement.js';
import { redactedExcerpt } from './source-excerpt.js';
import { stackOverflowError } from './stack-overflow.js';

interface MutableErrorFields {
  location?: SourceLocation;
  statementText?: string;
  details?: Record<string, unknown>;
}

/**
 * Makes an error of statement `index` self-describing: its location (the statement's when the
 * error has none), the statement text, `details.statementIndex` and a caret excerpt of the script.
 * The error object is completed in place so subclasses (ProviderCallError) keep their identity.
 */
export function withStatementContext<E>(thrown: E, statement: Statement, index: number, script: string): E {
  const error = stackOverflowError(thrown, statement) as E;
  if (error instanceof LateralErrors) {
    for (const inner of error.errors) complete(inner, statement, index, script);
  } else if (LateralError.isInstance(error)) {
    complete(error, statement, index, script);
  }
  return error;
}

function complete(error: LateralError, statement: Statement, index: number, script: string): void {
  const fields = error as unknown as MutableErrorFields;
  fields.location ??= statement.location;
  fields.statementText = redactSecretValues(fields.statementText ?? statement.text);
  const details = { ...(error.details ?? {}) };
  details.statementIndex ??= index;
  details.statementStart ??= statement.location.start;
  const location = fields.location;
  if (details.excerpt === undefined && location && location.start.line <= lineCount(script)) {
    details.excerpt = redactedExcerpt(script, location);
  }
  fields.details = details;
}

/** Lines of a text (`\r\n`, `\n` and `\r` each end one), counted without building them. */
function lineCount(text: string): number {
  let lines = 1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) lines += 1;
  }
  return lines;
}
