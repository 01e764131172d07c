import type { ResponseBody } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { hasExactNumbers, parseJsonExact } from '../expressions/expr-json-text.js';
import type { Column } from '@lateral/spec';

/**
 * The JSON parse for a response: exact (number text longer than a double holds is kept, see
 * expr-json-text.ts) only when an OUTPUT column is or holds a BIGINT or DECIMAL. Everything else
 * (embedding float arrays, chat text) keeps the fast JSON.parse.
 */
export function jsonParserFor(output: readonly Column[]): (text: string) => unknown {
  return needsExactNumbers(output) ? parseJsonExact : JSON.parse;
}

/** `response.json()`, or the exact parse when the OUTPUT columns need every digit. */
export function responseJson(response: ResponseBody, output: readonly Column[]): unknown {
  if (!needsExactNumbers(output)) return response.json();
  try {
    return parseJsonExact(response.text());
  } catch (cause) {
    throw new LateralError({
      code: 'LATERAL_ERR_PROVIDER_RESPONSE',
      message: 'Error parsing ML Predict response: response was not valid json.',
      cause,
    });
  }
}

function needsExactNumbers(output: readonly Column[]): boolean {
  return output.some((column) => hasExactNumbers(column.dataType));
}
