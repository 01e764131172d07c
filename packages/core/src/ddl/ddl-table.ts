import { printDataType, printStringLiteral, type CreateTableStatement, type DescribeStatement, type DropStatement, type ShowCreateStatement, type ShowStatement } from '@lateral/parser';
import type { TableEntry } from '../catalog/catalog.js';
import { matchesLike } from '../catalog/like-pattern.js';
import { findClash, objectBaseName } from '../catalog/name-lookup.js';
import type { ConnectorV2, TableDefinition } from '@lateral/spec';
import type { Diagnostic } from '@lateral/spec';
import type { MessageResult, RowsResult } from '../engine/statement-result.js';
import { unknownConnectorMessage } from '../engine/plugin-loader.js';
import { normalizeOptionEntries } from '../options/option-entries.js';
import { isTableSecretOption, splitTableSecrets } from '../options/table-secret-options.js';
import { LateralError } from '@lateral/spec';
import type { DdlContext } from './ddl-context.js';
import { plainName } from './ddl-connection.js';
import { statementError, statementFailure } from './ddl-errors.js';
import { backQuoted, displaySecret, printWithClause } from './ddl-print.js';
import { messageResult, quoted, rowsResult, stringColumn, toColumns } from './ddl-results.js';

/** A table without `'connector'` keeps its rows under the data directory. */
export const DEFAULT_CONNECTOR = 'memory';

/** CREATE TABLE [IF NOT EXISTS] t (cols) [COMMENT] [WITH (...)]: checked by its connector. */
export async function createTable(statement: CreateTableStatement, context: DdlContext): Promise<MessageResult> {
  const name = plainName(statement, statement.name);
  const existing = findClash(context.catalog.listTables(), name);
  if (existing && statement.ifNotExists) return messageResult(statement, `Table ${quoted(existing.name)} already exists; nothing created (IF NOT EXISTS).`);
  if (existing) throw statementError(statement, 'LATERAL_ERR_CATALOG_EXISTS', `Table ${quoted(existing.name)} already exists.`, statement.name.location);
  const normalized = normalizeOptionEntries(statement.options);
  const columns = toColumns(statement.columns) ?? [];
  const diagnostics: Diagnostic[] = [...normalized.diagnostics, ...columnProblems(statement)];
  const definition: TableDefinition = { name, columns, options: normalized.values };
  const connectorId = (normalized.values.connector ?? DEFAULT_CONNECTOR).trim().toLowerCase();
  const connector = context.engine.registry.connector(connectorId);
  if (!connector) {
    const known = knownConnectors(context);
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_INVALID',
      option: 'connector',
      message: `Unknown connector '${connectorId}': ${unknownConnectorMessage(connectorId)} Available connectors: ${known.join(', ') || '(none registered)'}.`,
      expected: known,
    });
  } else if (diagnostics.length === 0) {
    diagnostics.push(...connector.validate(definition));
  }
  if (diagnostics.length > 0) throw statementFailure(statement, diagnostics, normalized.entries, statement.name.location);
  // Secret option values (the connector's `secretOptions`, and keys the generic rule calls secret) go to the store's secrets.
  const stored = splitTableSecrets(definition.options, connector);
  const secretKeys = Object.keys(stored.secrets).sort();
  const entry: TableEntry = {
    ...definition,
    options: stored.options,
    ...(statement.comment === undefined ? {} : { comment: statement.comment }),
    ...(secretKeys.length > 0 ? { secretKeys } : {}),
    createdAt: new Date().toISOString(),
  };
  try {
    await context.catalog.putTable(entry, { basedOn: null }, stored.secrets);
  } catch (error) {
    // Another session created it after the check above.
    if (statement.ifNotExists && LateralError.isInstance(error) && error.code === 'LATERAL_ERR_CATALOG_EXISTS') {
      return messageResult(statement, `Table ${quoted(name)} already exists; nothing created (IF NOT EXISTS).`);
    }
    throw error;
  }
  return messageResult(statement, `Table ${quoted(name)} created.`);
}

/** DROP TABLE [IF EXISTS] t: the connector deletes what it stored, then the definition goes. */
export async function dropTable(statement: DropStatement, context: DdlContext): Promise<MessageResult> {
  const name = plainName(statement, statement.name);
  const table = context.catalog.getTable(name);
  if (!table) {
    if (statement.ifExists) return messageResult(statement, `Table ${quoted(name)} does not exist; nothing dropped (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Table ${quoted(name)} does not exist.`, statement.name.location);
  }
  await connectorOf(table, context)?.drop?.(table, {
    dataDir: context.engine.dataDir,
    ...(context.engine.signal ? { signal: context.engine.signal } : {}),
  });
  await context.catalog.dropTable(table.name);
  return messageResult(statement, `Table ${quoted(table.name)} dropped.`);
}

/** SHOW TABLES [[NOT] LIKE 'pattern']: one column, `Table Name`. */
export function showTables(statement: ShowStatement, context: DdlContext): RowsResult {
  const names = context.catalog
    .listTables()
    .map((table) => table.name)
    .filter((name) => matchesLike(name, statement.like))
    .sort();
  return rowsResult(statement, [stringColumn('Table Name')], names.map((name) => [name]));
}

/** DESCRIBE [TABLE] t: `Column Name | Data Type | Nullable | Comment`, one row per column. */
export function describeTable(statement: DescribeStatement, context: DdlContext): RowsResult {
  const table = requireTable(statement, context);
  return rowsResult(
    statement,
    [stringColumn('Column Name'), stringColumn('Data Type'), { name: 'Nullable', dataType: { kind: 'BOOLEAN', nullable: false } }, stringColumn('Comment')],
    table.columns.map((column) => [
      column.name,
      printDataType({ ...column.dataType, nullable: true }),
      column.dataType.nullable,
      column.comment ?? null,
    ]),
  );
}

/**
 * SHOW CREATE TABLE t. Secret options print as `*****` (a value that is only `${env:NAME}` as
 * written), after the other options.
 */
export function showCreateTable(statement: ShowCreateStatement, context: DdlContext): RowsResult {
  const table = requireTable(statement, context);
  const options = displayedTableOptions(table, context);
  const columns = table.columns.map(
    (column) =>
      `  ${backQuoted(column.name)} ${printDataType(column.dataType)}${column.comment === undefined ? '' : ` COMMENT ${printStringLiteral(column.comment)}`}`,
  );
  const lines = [
    `CREATE TABLE ${backQuoted(table.name)} (`,
    columns.join(',\n'),
    ')',
    ...(table.comment === undefined ? [] : [`COMMENT ${printStringLiteral(table.comment)}`]),
    ...(Object.keys(options).length === 0 ? [] : [printWithClause(Object.entries(options))]),
  ];
  return rowsResult(statement, [stringColumn('Create Statement')], [[lines.join('\n')]]);
}

/** The options as SHOW CREATE TABLE prints them: secrets back in place, masked; a secret-looking key an older catalog kept in plain masked too. */
function displayedTableOptions(table: TableEntry, context: DdlContext): Record<string, string> {
  const secrets = context.catalog.tableSecrets?.(table.name) ?? {};
  const declared = connectorOf(table, context)?.secretOptions;
  const shown: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...table.options, ...secrets })) {
    shown[key] = key in secrets || isTableSecretOption(key, declared) ? displaySecret(value) : value;
  }
  for (const key of table.secretKeys ?? []) if (!(key in shown)) shown[key] = displaySecret('');
  return shown;
}

function connectorOf(table: TableEntry, context: DdlContext): ConnectorV2 | undefined {
  return context.engine.registry.connector((table.options.connector ?? DEFAULT_CONNECTOR).trim().toLowerCase());
}

function knownConnectors(context: DdlContext): string[] {
  return context.engine.registry.connectorIds();
}

function columnProblems(statement: CreateTableStatement): Diagnostic[] {
  if (statement.columns.length === 0) return [{ code: 'LATERAL_ERR_TABLE_SCHEMA', message: `Table ${quoted(objectBaseName(statement.name))} needs at least one column.` }];
  const seen = new Set<string>();
  const problems: Diagnostic[] = [];
  for (const column of statement.columns) {
    const key = column.name.toLowerCase();
    if (seen.has(key)) problems.push({ code: 'LATERAL_ERR_TABLE_SCHEMA', message: `Column '${column.name}' is declared twice.` });
    seen.add(key);
  }
  return problems;
}

function requireTable(statement: DescribeStatement | ShowCreateStatement, context: DdlContext): TableEntry {
  const name = objectBaseName(statement.name);
  const table = context.catalog.getTable(name);
  if (table) return table;
  const other = context.catalog.getModel(name) ? 'model' : context.catalog.getConnection(name) ? 'connection' : undefined;
  const hint = other ? ` There is a ${other} of that name: write ${statement.type === 'describe' ? 'DESCRIBE' : 'SHOW CREATE'} ${other.toUpperCase()} ${quoted(name)}.` : '';
  throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Table ${quoted(name)} does not exist.${hint}`, statement.name.location);
}
