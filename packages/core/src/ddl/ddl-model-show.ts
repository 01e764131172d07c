import { printStringLiteral, type DescribeStatement, type ShowCreateStatement, type ShowStatement } from '@lateral/parser';
import type { ModelEntry, ModelVersionEntry } from '../catalog/catalog.js';
import { pickVersion } from '../catalog/catalog-model-resolver.js';
import { matchesLike } from '../catalog/like-pattern.js';
import { printColumns } from '../catalog/model-versions.js';
import { objectBaseName } from '../catalog/name-lookup.js';
import type { RowsResult } from '../engine/statement-result.js';
import type { Row } from '@lateral/spec';
import type { DdlContext } from './ddl-context.js';
import { statementError } from './ddl-errors.js';
import { backQuoted, printColumnList, printWithClause } from './ddl-print.js';
import { quoted, rowsResult, stringColumn, typedColumn } from './ddl-results.js';

/** SHOW MODELS [[NOT] LIKE 'pattern']: one column, `Model Name`. */
export function showModels(statement: ShowStatement, context: DdlContext): RowsResult {
  const names = context.catalog
    .listModels()
    .map((model) => model.name)
    .filter((name) => matchesLike(name, statement.like))
    .sort();
  return rowsResult(statement, [stringColumn('Model Name')], names.map((name) => [name]));
}

/**
 * DESCRIBE MODEL name → `Inputs | Outputs | Options | Comment` of the default version;
 * name$n / name$all → `VersionId | IsDefaultVersion | Inputs | Outputs | Options | Comment`.
 */
export function describeModel(statement: DescribeStatement, context: DdlContext): RowsResult {
  const model = requireModel(statement, context);
  const { version } = statement.name;
  const shared = (entry: ModelVersionEntry): Row => [printColumns(model.input), printColumns(model.output), printOptionMap(entry.options), model.comment ?? null];
  if (version === undefined) {
    const entry = requireVersion(statement, model, undefined);
    return rowsResult(statement, ['Inputs', 'Outputs', 'Options', 'Comment'].map(stringColumn), [shared(entry)]);
  }
  const entries = version === 'all' ? [...model.versions].sort((a, b) => a.version - b.version) : [requireVersion(statement, model, version)];
  return rowsResult(
    statement,
    [typedColumn('VersionId', 'INT'), typedColumn('IsDefaultVersion', 'BOOLEAN'), ...['Inputs', 'Outputs', 'Options', 'Comment'].map(stringColumn)],
    entries.map((entry) => [entry.version, entry.version === model.defaultVersion, ...shared(entry)]),
  );
}

/** SHOW CREATE MODEL name[$n]: expanded types and upper-cased keys (reference §8.4). */
export function showCreateModel(statement: ShowCreateStatement, context: DdlContext): RowsResult {
  const model = requireModel(statement, context);
  if (statement.name.version === 'all') {
    throw statementError(statement, 'LATERAL_ERR_BIND_UNSUPPORTED', `SHOW CREATE MODEL prints one version: name it ${quoted(`${model.name}$<n>`)} or give no suffix.`, statement.name.location);
  }
  const entry = requireVersion(statement, model, statement.name.version);
  const options = sortedOptions(entry.options).map(([key, value]): [string, string] => [key.toUpperCase(), value]);
  const lines = [
    `CREATE MODEL ${backQuoted(model.name)}`,
    `INPUT ${printColumnList(model.input, true)}`,
    `OUTPUT ${printColumnList(model.output, true)}`,
    ...(model.comment === undefined ? [] : [`COMMENT ${printStringLiteral(model.comment)}`]),
    printWithClause(options),
  ];
  return rowsResult(statement, [stringColumn('Create Statement')], [[lines.join('\n')]]);
}

/** `{PROVIDER=openai, TASK=classification}` as DESCRIBE prints options. */
function printOptionMap(options: Record<string, string>): string {
  return `{${sortedOptions(options)
    .map(([key, value]) => `${key.toUpperCase()}=${value}`)
    .join(', ')}}`;
}

function sortedOptions(options: Record<string, string>): Array<[string, string]> {
  return Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function requireModel(statement: DescribeStatement | ShowCreateStatement, context: DdlContext): ModelEntry {
  const name = objectBaseName(statement.name);
  const model = context.catalog.getModel(name);
  if (!model) throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(name)} does not exist.`, statement.name.location);
  return model;
}

function requireVersion(statement: DescribeStatement | ShowCreateStatement, model: ModelEntry, version: number | undefined): ModelVersionEntry {
  const entry = pickVersion(model, version);
  if (!entry) {
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(model.name)} has no version ${String(version)}.`, statement.name.location);
  }
  return entry;
}
