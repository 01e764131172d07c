import type { Statement } from '@lateral/parser';
import type { WriterOptions } from './output-format.js';

/**
 * The session settings the table writer honours, as Flink's SQL client names them. The engine
 * validates and acknowledges them (SET); the CLI applies them to how later results are shown.
 */
export function displaySettingFrom(statement: Statement): Partial<WriterOptions> | undefined {
  if (statement.type === 'set' && statement.key?.toLowerCase() === 'sql-client.display.max-column-width') {
    const width = Number(statement.value);
    return Number.isInteger(width) && width > 0 ? { maxColumnWidth: width } : undefined;
  }
  if (statement.type === 'reset' && (statement.key === undefined || statement.key.toLowerCase() === 'sql-client.display.max-column-width')) {
    return { maxColumnWidth: undefined };
  }
  return undefined;
}
