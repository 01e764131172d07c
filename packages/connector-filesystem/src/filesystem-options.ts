import { isAbsolute, resolve } from 'node:path';
import { type Diagnostic, LateralError, type TableDefinition } from '@lateral/spec';
import type { CsvDialect } from '@lateral/core';

/** Flink's filesystem connector keys that Lateral reads (format keys keep Flink's `csv.` / `json.` prefixes). */
const COMMON_KEYS = ['connector', 'path', 'format'];
const CSV_KEYS = ['csv.field-delimiter', 'csv.quote-character', 'csv.null-literal', 'csv.ignore-parse-errors', 'csv.allow-comments', 'csv.header'];
const JSON_KEYS = ['json.ignore-parse-errors', 'json.fail-on-missing-field'];
const BOOLEAN_KEYS = new Set(['csv.ignore-parse-errors', 'csv.allow-comments', 'csv.header', 'json.ignore-parse-errors', 'json.fail-on-missing-field']);
const FORMATS = ['json', 'csv'];

export interface FilesystemOptions {
  /** Absolute path (a relative `path` is resolved against the process's working directory). */
  path: string;
  /** The written path ends with `/`: a directory even before it exists. */
  pathIsDirectory: boolean;
  format: 'json' | 'csv';
  /** `header`: the first record names the columns (Lateral's extension: reads what `lateral --format csv` writes). */
  csv: CsvDialect & { ignoreParseErrors: boolean; allowComments: boolean; header: boolean };
  json: { ignoreParseErrors: boolean; failOnMissingField: boolean };
}

/** `'\t'` written in SQL arrives as backslash + t: Flink accepts that spelling for a tab. */
function unescapeCharacter(value: string): string {
  return value === '\\t' ? '\t' : value;
}

/** Every problem with a filesystem table's options, as data (CREATE TABLE reports them all). */
export function validateFilesystemOptions(table: TableDefinition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const options = table.options;
  const format = options['format']?.toLowerCase();
  const allowed = [...COMMON_KEYS, ...(format === 'csv' ? CSV_KEYS : format === 'json' ? JSON_KEYS : [...CSV_KEYS, ...JSON_KEYS])];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_UNKNOWN',
        message: `Unsupported option '${key}' for the filesystem connector${format ? ` with format '${format}'` : ''}; supported: ${allowed.join(', ')}`,
        option: key,
        expected: allowed,
      });
    }
  }
  for (const key of ['path', 'format']) {
    if (!options[key]?.trim()) diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', message: `The filesystem connector needs '${key}'`, option: key });
  }
  if (format !== undefined && !FORMATS.includes(format)) {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', message: `Unsupported format '${options['format']}'; supported: ${FORMATS.join(', ')}`, option: 'format', expected: FORMATS });
  }
  for (const key of ['csv.field-delimiter', 'csv.quote-character']) {
    const value = options[key];
    if (value !== undefined && [...unescapeCharacter(value)].length !== 1) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', message: `'${key}' must be a single character, got '${value}'`, option: key });
    }
  }
  for (const key of BOOLEAN_KEYS) {
    const value = options[key];
    if (value !== undefined && !['true', 'false'].includes(value.toLowerCase())) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', message: `'${key}' must be 'true' or 'false', got '${value}'`, option: key, expected: ['true', 'false'] });
    }
  }
  return diagnostics;
}

/** Reads validated options; invalid ones fail like CREATE TABLE would (the table may predate a check). */
export function filesystemOptions(table: TableDefinition): FilesystemOptions {
  const [problem] = validateFilesystemOptions(table);
  if (problem) {
    throw new LateralError({ code: problem.code, message: `Table '${table.name}': ${problem.message}`, expected: problem.expected });
  }
  const options = table.options;
  const flag = (key: string): boolean => options[key]?.toLowerCase() === 'true';
  const path = options['path']!.trim();
  return {
    path: isAbsolute(path) ? path : resolve(process.cwd(), path),
    pathIsDirectory: path.endsWith('/'),
    format: options['format']!.toLowerCase() as 'json' | 'csv',
    csv: {
      delimiter: unescapeCharacter(options['csv.field-delimiter'] ?? ','),
      quote: unescapeCharacter(options['csv.quote-character'] ?? '"'),
      nullLiteral: options['csv.null-literal'],
      ignoreParseErrors: flag('csv.ignore-parse-errors'),
      allowComments: flag('csv.allow-comments'),
      header: flag('csv.header'),
    },
    json: { ignoreParseErrors: flag('json.ignore-parse-errors'), failOnMissingField: flag('json.fail-on-missing-field') },
  };
}
