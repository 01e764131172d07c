import type { ResetStatement, SetStatement } from '@lateral/parser';
import { MASK } from '@lateral/spec';
import type { StatementResult } from '../engine/statement-result.js';
import type { DdlContext } from './ddl-context.js';
import { messageResult, rowsResult, stringColumn } from './ddl-results.js';
import { settingWarnings } from './session-setting-keys.js';

/** Keys whose values must not be listed back (someone may keep a token in a session setting). */
const SECRET_LOOKING_KEY = /(key|secret|password|passwd|token|credential)/i;

/** SET 'k' = 'v' stores a session setting; a bare SET lists them (`Key | Value`), secret-looking values masked. */
export function setSetting(statement: SetStatement, context: DdlContext): StatementResult {
  const { settings } = context.engine;
  if (statement.key === undefined) {
    const rows = [...settings.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => [key, SECRET_LOOKING_KEY.test(key) ? MASK : value]);
    return rowsResult(statement, [stringColumn('Key'), stringColumn('Value')], rows);
  }
  const warnings = settingWarnings(statement.key, statement.value ?? '');
  settings.set(statement.key, statement.value ?? '');
  return messageResult(statement, `Session setting '${statement.key}' set.`, warnings);
}

/** RESET 'k' removes one session setting; a bare RESET removes them all. */
export function resetSetting(statement: ResetStatement, context: DdlContext): StatementResult {
  const { settings } = context.engine;
  if (statement.key === undefined) {
    settings.clear();
    return messageResult(statement, 'All session settings reset.');
  }
  const existed = settings.delete(statement.key);
  return messageResult(statement, existed ? `Session setting '${statement.key}' reset.` : `Session setting '${statement.key}' was not set.`);
}
