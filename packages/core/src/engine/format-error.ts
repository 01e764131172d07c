import type { SourcePosition } from '@lateral/parser';
import { LateralError, LateralErrors } from '@lateral/spec';
import { statementExcerpt } from './source-excerpt.js';

/** At most this many expected items are printed; the rest are counted. */
const MAX_EXPECTED = 30;

/**
 * Renders an error for people: `<source>:<line>:<col>: LATERAL_ERR_X: message`, then the source
 * line with a caret under the offending text, then what was expected. LateralErrors render each
 * error in turn. Anything else renders as LATERAL_ERR_INTERNAL with its message.
 */
export function formatLateralError(error: unknown, sourceName?: string): string {
  if (error instanceof LateralErrors) return error.errors.map((inner) => formatOne(inner, sourceName)).join('\n\n');
  if (LateralError.isInstance(error)) return formatOne(error, sourceName);
  const message = error instanceof Error ? error.message : String(error);
  return `LATERAL_ERR_INTERNAL: ${message}`;
}

function formatOne(error: LateralError, sourceName: string | undefined): string {
  const { location } = error;
  const source = location?.source ?? sourceName ?? '<input>';
  const header = location
    ? `${source}:${location.start.line}:${location.start.column}: ${error.code}: ${error.message}`
    : `${error.code}: ${error.message}`;
  const lines = [header];
  const excerpt = excerptOf(error);
  if (excerpt) lines.push(excerpt);
  if (error.expected && error.expected.length > 0 && error.code !== 'LATERAL_ERR_PARSE_SYNTAX' && !listedInMessage(error)) {
    const shown = error.expected.slice(0, MAX_EXPECTED);
    const more = error.expected.length - shown.length;
    lines.push(`expected one of: ${shown.join(', ')}${more > 0 ? ` (and ${more} more)` : ''}`);
  }
  return lines.join('\n');
}

function excerptOf(error: LateralError): string | undefined {
  const given = error.details?.excerpt;
  if (typeof given === 'string') return given;
  const start = error.details?.statementStart as SourcePosition | undefined;
  if (error.location && error.statementText !== undefined && start) return statementExcerpt(error.statementText, start, error.location);
  return undefined;
}

/** Messages that already list the allowed keys need not repeat them. */
function listedInMessage(error: LateralError): boolean {
  const expected = error.expected ?? [];
  return expected.length > 0 && error.message.includes(expected.join(', '));
}
