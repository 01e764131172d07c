import type { CreateModelStatement } from '@lateral/parser';
import type { ModelEntry } from '../catalog/catalog.js';
import { MAX_MODEL_VERSIONS, nextVersionNumber, shapeConflicts } from '../catalog/model-versions.js';
import { findClash, objectBaseName } from '../catalog/name-lookup.js';
import type { Diagnostic } from '@lateral/spec';
import type { MessageResult } from '../engine/statement-result.js';
import { validateModelVersion } from '../options/model-validation.js';
import { normalizeOptionEntries } from '../options/option-entries.js';
import type { DdlContext } from './ddl-context.js';
import { statementError, statementFailure } from './ddl-errors.js';
import { modelValidationContext } from './ddl-model-validation.js';
import { messageResult, quoted, toColumns } from './ddl-results.js';

/**
 * CREATE [OR REPLACE] MODEL [IF NOT EXISTS] (reference §5, §7). On an existing name it adds
 * version max+1 with the same INPUT/OUTPUT/COMMENT/task; IF NOT EXISTS makes it a no-op; OR
 * REPLACE (a Lateral extension) replaces the model and all its versions with version 1.
 */
export async function createModel(statement: CreateModelStatement, context: DdlContext): Promise<MessageResult> {
  if (statement.orReplace && statement.ifNotExists) {
    throw statementError(statement, 'LATERAL_ERR_OPTION_CONFLICT', 'OR REPLACE and IF NOT EXISTS cannot be used together: choose one.');
  }
  const name = objectBaseName(statement.name);
  if (statement.name.version !== undefined) {
    throw statementError(
      statement,
      'LATERAL_ERR_BIND_UNSUPPORTED',
      `CREATE MODEL takes a plain name: versions are numbered automatically (write ${quoted(name)}, not ${quoted(`${name}$${statement.name.version}`)}).`,
      statement.name.location,
    );
  }
  const existing = findClash(context.catalog.listModels(), name);
  if (existing && statement.ifNotExists) {
    return messageResult(statement, `Model ${quoted(existing.name)} already exists; nothing created (IF NOT EXISTS).`);
  }
  const addsVersion = existing !== undefined && !statement.orReplace;
  const version = addsVersion ? nextVersionNumber(existing) : 1;
  const normalized = normalizeOptionEntries(statement.options);
  const input = toColumns(statement.input);
  const output = toColumns(statement.output);
  const validation = validateModelVersion(
    { name, version, ...(input ? { input } : {}), ...(output ? { output } : {}), options: normalized.values },
    modelValidationContext(context.engine, context.catalog),
  );
  const diagnostics: Diagnostic[] = [...normalized.diagnostics, ...validation.diagnostics];
  if (addsVersion && validation.model) {
    diagnostics.push(
      ...shapeConflicts(existing, {
        input: validation.model.input,
        output: validation.model.output,
        task: validation.model.task,
        ...(statement.comment === undefined ? {} : { comment: statement.comment }),
      }),
    );
    if (existing.versions.length >= MAX_MODEL_VERSIONS) {
      diagnostics.push({
        code: 'LATERAL_ERR_CATALOG_VERSION_LIMIT',
        message: `Model ${quoted(existing.name)} already has ${MAX_MODEL_VERSIONS} versions, the maximum; drop one first (DROP MODEL ${quoted(`${existing.name}$<n>`)}).`,
      });
    }
  }
  if (diagnostics.length > 0 || !validation.model) {
    throw statementFailure(statement, diagnostics, normalized.entries, statement.name.location);
  }
  const resolved = validation.model;
  const versionEntry = { version, options: normalized.values, createdAt: new Date().toISOString() };
  const entry: ModelEntry = addsVersion
    ? { ...existing, versions: [...existing.versions, versionEntry] }
    : {
        name,
        input: resolved.input,
        output: resolved.output,
        ...(statement.comment === undefined ? {} : { comment: statement.comment }),
        task: resolved.task,
        providerId: resolved.providerId,
        defaultVersion: version,
        versions: [versionEntry],
      };
  await context.catalog.putModel(entry, { basedOn: existing ?? null });
  const verb = existing && statement.orReplace ? 'replaced; version 1 created' : `with version ${version} created`;
  return messageResult(statement, `${quoted(entry.name)} ${verb}. Default version: ${entry.defaultVersion}`);
}
