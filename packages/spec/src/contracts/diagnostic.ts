import type { ErrorCode } from '../errors/error-codes.js';

/**
 * A validation finding returned as data (not thrown), so a statement's validation can collect
 * every problem before failing. `option` names the offending WITH key when there is one.
 */
export interface Diagnostic {
  code: ErrorCode;
  message: string;
  option?: string;
  expected?: string[];
}
