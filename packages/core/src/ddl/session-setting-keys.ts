import { nearestName } from '@lateral/spec';
import { LateralError } from '@lateral/spec';

/**
 * What SET means for each key. Lateral honours the SQL client's display keys; it accepts common
 * Flink and Confluent keys that have no effect on a local batch run (with a warning saying so);
 * any other key is stored, listed by SET, and warned about as unknown (a typo shows at once).
 */
interface KnownSetting {
  /** Values accepted, lower-case; undefined when any value is. */
  values?: readonly string[];
  /** A check for free-form values; returns what was expected when the value is not valid. */
  check?: (value: string) => string | undefined;
  /** Set when the key is accepted but does nothing in Lateral: why. */
  ignored?: string;
}

const positiveInteger = (value: string) => (/^[1-9][0-9]*$/.test(value.trim()) ? undefined : 'a positive integer');

export const SESSION_SETTINGS: Readonly<Record<string, KnownSetting>> = {
  // Honoured by the CLI's table writer.
  'sql-client.display.max-column-width': { check: positiveInteger },
  // Lateral always prints results as they arrive (Flink's `tableau` mode); the other modes are accepted and shown the same way.
  'sql-client.execution.result-mode': { values: ['tableau', 'table', 'changelog'] },
  'sql-client.execution.max-table-result.rows': { check: positiveInteger, ignored: 'Lateral streams results and keeps no result table.' },
  'sql-client.verbose': { values: ['true', 'false'], ignored: 'errors are always printed in full (stack traces with --debug).' },
  'execution.runtime-mode': { values: ['batch', 'streaming'], ignored: 'Lateral runs every statement as a bounded batch job.' },
  'parallelism.default': { check: positiveInteger, ignored: 'inference concurrency is set per model and by --workers.' },
  'pipeline.name': { ignored: 'Lateral runs no Flink pipeline.' },
  'table.local-time-zone': { ignored: 'Lateral evaluates time in UTC.' },
  'sql.local-time-zone': { ignored: 'Lateral evaluates time in UTC.' },
  'sql.current-catalog': { ignored: 'Lateral has one catalog per data directory.' },
  'sql.current-database': { ignored: 'Lateral has one database per data directory.' },
  'client.statement-name': { ignored: 'Lateral statements are not named.' },
  'sql.state-ttl': { ignored: 'Lateral keeps no streaming state.' },
};

/** Warnings for `SET key = value`; an invalid value for a known key is an error. */
export function settingWarnings(key: string, value: string): string[] {
  const known = SESSION_SETTINGS[key.toLowerCase()];
  if (!known) {
    const suggestion = nearestName(key, Object.keys(SESSION_SETTINGS));
    return [`unknown setting '${key}': it is stored for this session but has no effect${suggestion ? ` (did you mean '${suggestion}'?)` : ''}.`];
  }
  const expected = known.values && !known.values.includes(value.trim().toLowerCase()) ? known.values.join(', ') : known.check?.(value);
  if (expected !== undefined) {
    throw new LateralError({
      code: 'LATERAL_ERR_OPTION_INVALID',
      message: `Session setting '${key}' must be ${known.values ? `one of: ${expected}` : expected}; got '${value}'.`,
      ...(known.values ? { expected: [...known.values] } : {}),
    });
  }
  if (known.ignored) return [`setting '${key}' is accepted but has no effect in Lateral: ${known.ignored}`];
  if (key.toLowerCase() === 'sql-client.execution.result-mode' && value.trim().toLowerCase() !== 'tableau') {
    return [`Lateral prints results as they arrive ('tableau'); '${value}' is shown the same way.`];
  }
  return [];
}
