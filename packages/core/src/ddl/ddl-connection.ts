import type { AlterConnectionStatement, CreateConnectionStatement, DropStatement, ObjectName, Statement } from '@lateral/parser';
import type { ConnectionEntry } from '../catalog/catalog.js';
import { findClash, objectBaseName } from '../catalog/name-lookup.js';
import type { MessageResult } from '../engine/statement-result.js';
import { validateConnectionOptions } from '../options/connection-validation.js';
import { joinEndpointCredentials, splitEndpointCredentials, withoutEndpointSecrets } from '../options/endpoint-credentials.js';
import { normalizeOptionEntries } from '../options/option-entries.js';
import type { DdlContext } from './ddl-context.js';
import { statementError, statementFailure } from './ddl-errors.js';
import { messageResult, quoted } from './ddl-results.js';

/** CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] (reference §3). */
export async function createConnection(statement: CreateConnectionStatement, context: DdlContext): Promise<MessageResult> {
  if (statement.orReplace && statement.ifNotExists) {
    throw statementError(statement, 'LATERAL_ERR_OPTION_CONFLICT', 'OR REPLACE and IF NOT EXISTS cannot be used together: choose one.');
  }
  const name = plainName(statement, statement.name);
  const existing = findClash(context.catalog.listConnections(), name);
  if (existing && statement.ifNotExists) {
    return messageResult(statement, `Connection ${quoted(existing.name)} already exists; nothing changed (IF NOT EXISTS).`);
  }
  if (existing && !statement.orReplace) {
    throw statementError(statement, 'LATERAL_ERR_CATALOG_EXISTS', `Connection ${quoted(existing.name)} already exists (use CREATE OR REPLACE CONNECTION or ALTER CONNECTION).`, statement.name.location);
  }
  const normalized = normalizeOptionEntries(statement.options);
  const validation = validateConnectionOptions(normalized.values, context.engine.registry);
  const diagnostics = [...normalized.diagnostics, ...validation.diagnostics];
  if (diagnostics.length > 0 || !validation.connection) {
    throw statementFailure(statement, diagnostics, normalized.entries, statement.name.location);
  }
  const { connection } = validation;
  if (existing && existing.type !== connection.type) refuseTypeChangeInUse(statement, context, existing, connection.type);
  const stored = withEndpointCredentialsAsSecrets(connection.endpoint, connection.secrets);
  const entry: ConnectionEntry = {
    name,
    type: connection.type,
    endpoint: stored.endpoint,
    ...(statement.comment === undefined ? {} : { comment: statement.comment }),
    options: connection.options,
    secretKeys: Object.keys(stored.secrets).sort(),
    createdAt: new Date().toISOString(),
  };
  await context.catalog.putConnection(entry, stored.secrets, { basedOn: existing ?? null });
  return messageResult(statement, `Connection ${quoted(name)} ${existing ? 'replaced' : 'created'}.`, validation.warnings);
}

/** ALTER CONNECTION [IF EXISTS] name SET (...): credentials and other keys; the type stays. */
export async function alterConnection(statement: AlterConnectionStatement, context: DdlContext): Promise<MessageResult> {
  const name = plainName(statement, statement.name);
  const existing = context.catalog.getConnection(name);
  if (!existing) {
    if (statement.ifExists) return messageResult(statement, `Connection ${quoted(name)} does not exist; nothing changed (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Connection ${quoted(name)} does not exist.`, statement.name.location);
  }
  const normalized = normalizeOptionEntries(statement.options);
  const newType = normalized.values.type?.trim().toLowerCase();
  if (newType !== undefined && newType !== existing.type) {
    throw statementError(
      statement,
      'LATERAL_ERR_OPTION_INVALID',
      `The type of connection ${quoted(existing.name)} cannot change ('${existing.type}' → '${newType}'): drop it and create it again.`,
      normalized.entries.get('type')?.location,
    );
  }
  const existingSecrets = context.catalog.connectionSecrets(existing.name);
  const merged: Record<string, string> = {
    type: existing.type,
    // the endpoint as written (its credentials back in place), so a new one replaces it whole
    endpoint: joinEndpointCredentials(existing.endpoint, existingSecrets),
    ...existing.options,
    ...withoutEndpointSecrets(existingSecrets),
    ...normalized.values,
  };
  const validation = validateConnectionOptions(merged, context.engine.registry);
  const diagnostics = [...normalized.diagnostics, ...validation.diagnostics];
  if (diagnostics.length > 0 || !validation.connection) {
    throw statementFailure(statement, diagnostics, normalized.entries, statement.name.location);
  }
  const { connection } = validation;
  const stored = withEndpointCredentialsAsSecrets(connection.endpoint, connection.secrets);
  await context.catalog.putConnection(
    { ...existing, endpoint: stored.endpoint, options: connection.options, secretKeys: Object.keys(stored.secrets).sort() },
    stored.secrets,
    { basedOn: existing },
  );
  return messageResult(statement, `Connection ${quoted(existing.name)} altered.`, validation.warnings);
}

/** DROP CONNECTION [IF EXISTS] name: deletes its secrets; refused while a model uses it. */
export async function dropConnection(statement: DropStatement, context: DdlContext): Promise<MessageResult> {
  const name = plainName(statement, statement.name);
  const existing = context.catalog.getConnection(name);
  if (!existing) {
    if (statement.ifExists) return messageResult(statement, `Connection ${quoted(name)} does not exist; nothing dropped (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Connection ${quoted(name)} does not exist.`, statement.name.location);
  }
  const users = context.catalog.modelsUsingConnection(existing.name);
  if (users.length > 0) {
    throw statementError(
      statement,
      'LATERAL_ERR_CATALOG_IN_USE',
      `Connection ${quoted(existing.name)} is used by model${users.length === 1 ? '' : 's'} ${users.map(quoted).join(', ')}: drop or alter ${users.length === 1 ? 'it' : 'them'} first.`,
      statement.name.location,
      { details: { models: users } },
    );
  }
  await context.catalog.dropConnection(existing.name);
  return messageResult(statement, `Connection ${quoted(existing.name)} dropped.`);
}

function refuseTypeChangeInUse(statement: Statement, context: DdlContext, existing: ConnectionEntry, type: string): void {
  const users = context.catalog.modelsUsingConnection(existing.name);
  if (users.length === 0) return;
  throw statementError(
    statement,
    'LATERAL_ERR_CATALOG_IN_USE',
    `Connection ${quoted(existing.name)} is used by ${users.map(quoted).join(', ')}; it cannot change type from '${existing.type}' to '${type}'.`,
    statement.location,
    { details: { models: users } },
  );
}

/**
 * Keys in the endpoint URL (`?key=…`, `user:password@`) are credentials: they are stored with
 * the secrets, the catalog keeps the URL with `*****` in their place, and the full URL is
 * rebuilt only when the connection is resolved for a call (FileCatalog.resolveConnection).
 */
function withEndpointCredentialsAsSecrets(endpoint: string, secrets: Record<string, string>): { endpoint: string; secrets: Record<string, string> } {
  const split = splitEndpointCredentials(endpoint);
  return { endpoint: split.endpoint, secrets: { ...secrets, ...split.secrets } };
}

/** Connections and tables have no versions: a `$n` suffix is a mistake worth naming. */
export function plainName(statement: Statement, name: ObjectName): string {
  if (name.version !== undefined) {
    throw statementError(statement, 'LATERAL_ERR_BIND_UNSUPPORTED', `Only models have versions: '${objectBaseName(name)}$${name.version}' is not a valid name here.`, name.location);
  }
  return objectBaseName(name);
}
