import { printStringLiteral, type DescribeStatement, type ShowCreateStatement, type ShowStatement } from '@lateral/parser';
import type { ConnectionEntry } from '../catalog/catalog.js';
import { matchesLike } from '../catalog/like-pattern.js';
import { objectBaseName } from '../catalog/name-lookup.js';
import type { RowsResult } from '../engine/statement-result.js';
import { isEndpointSecretKey } from '../options/endpoint-credentials.js';
import type { DdlContext } from './ddl-context.js';
import { statementError } from './ddl-errors.js';
import { backQuoted, displayEndpoint, displaySecret, printWithClause } from './ddl-print.js';
import { quoted, rowsResult, stringColumn } from './ddl-results.js';

/** SHOW CONNECTIONS [[NOT] LIKE 'pattern']: one column, `Name`. */
export function showConnections(statement: ShowStatement, context: DdlContext): RowsResult {
  const names = context.catalog
    .listConnections()
    .map((connection) => connection.name)
    .filter((name) => matchesLike(name, statement.like))
    .sort();
  return rowsResult(statement, [stringColumn('Name')], names.map((name) => [name]));
}

/** DESCRIBE CONNECTION: `Name | Type | Endpoint | Comment`, type upper-cased; secrets never shown. */
export function describeConnection(statement: DescribeStatement, context: DdlContext): RowsResult {
  const connection = requireConnection(statement, context);
  return rowsResult(
    statement,
    ['Name', 'Type', 'Endpoint', 'Comment'].map(stringColumn),
    [[connection.name, connection.type.toUpperCase(), displayEndpoint(connection.endpoint), connection.comment ?? null]],
  );
}

/** SHOW CREATE CONNECTION: the statement that recreates it, secrets printed as '*****'. */
export function showCreateConnection(statement: ShowCreateStatement, context: DdlContext): RowsResult {
  const connection = requireConnection(statement, context);
  const secrets = context.catalog.connectionSecrets(connection.name);
  const options: Array<[string, string]> = [
    ['type', connection.type],
    ['endpoint', displayEndpoint(connection.endpoint)],
    ...Object.entries(connection.options),
    // credentials taken out of the endpoint are shown in it, as *****
    ...connection.secretKeys.filter((key) => !isEndpointSecretKey(key)).map((key): [string, string] => [key, displaySecret(secrets[key] ?? '')]),
  ];
  const lines = [
    `CREATE CONNECTION ${backQuoted(connection.name)}`,
    ...(connection.comment === undefined ? [] : [`COMMENT ${printStringLiteral(connection.comment)}`]),
    printWithClause(options),
  ];
  return rowsResult(statement, [stringColumn('Create Statement')], [[lines.join('\n')]]);
}

function requireConnection(statement: DescribeStatement | ShowCreateStatement, context: DdlContext): ConnectionEntry {
  const name = objectBaseName(statement.name);
  const connection = context.catalog.getConnection(name);
  if (!connection) {
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Connection ${quoted(name)} does not exist.`, statement.name.location);
  }
  return connection;
}
