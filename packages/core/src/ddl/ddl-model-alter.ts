import type { AlterModelStatement, DropStatement, OptionEntry } from '@lateral/parser';
import type { ModelEntry, ModelVersionEntry } from '../catalog/catalog.js';
import { pickVersion } from '../catalog/catalog-model-resolver.js';
import { providerOf, withoutVersion } from '../catalog/model-versions.js';
import { findClash, objectBaseName } from '../catalog/name-lookup.js';
import type { Diagnostic } from '@lateral/spec';
import type { MessageResult } from '../engine/statement-result.js';
import { DEFAULT_VERSION_OPTION } from '../options/common-model-options.js';
import { validateModelVersion } from '../options/model-validation.js';
import { normalizeOptionEntries } from '../options/option-entries.js';
import type { DdlContext } from './ddl-context.js';
import { statementError, statementFailure } from './ddl-errors.js';
import { modelValidationContext } from './ddl-model-validation.js';
import { messageResult, quoted } from './ddl-results.js';

/** ALTER MODEL [IF EXISTS] name[$n] SET (...) | RESET (...) | RENAME TO new (reference §8.1). */
export async function alterModel(statement: AlterModelStatement, context: DdlContext): Promise<MessageResult> {
  const name = objectBaseName(statement.name);
  const model = context.catalog.getModel(name);
  if (!model) {
    if (statement.ifExists) return messageResult(statement, `Model ${quoted(name)} does not exist; nothing changed (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(name)} does not exist.`, statement.name.location);
  }
  if (statement.action.kind === 'rename') return renameModel(statement, statement.action.newName, model, context);
  if (statement.name.version === 'all') {
    throw statementError(statement, 'LATERAL_ERR_BIND_UNSUPPORTED', `ALTER MODEL changes one version: name it ${quoted(`${model.name}$<n>`)}, or no suffix for the default version.`, statement.name.location);
  }
  const version = pickVersion(model, statement.name.version);
  if (!version) {
    if (statement.ifExists) return messageResult(statement, `Model ${quoted(model.name)} has no version ${String(statement.name.version)}; nothing changed (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(model.name)} has no version ${String(statement.name.version)}.`, statement.name.location);
  }
  const change = statement.action.kind === 'set' ? setChange(statement.action.options, model) : resetChange(statement.action.keys, model);
  const options = change.options(version.options);
  const diagnostics: Diagnostic[] = [...change.diagnostics];
  let updated: ModelEntry = { ...model, defaultVersion: change.defaultVersion ?? model.defaultVersion };
  if (options !== version.options) {
    const validation = validateModelVersion(
      { name: model.name, version: version.version, input: model.input, output: model.output, options },
      modelValidationContext(context.engine, context.catalog),
    );
    diagnostics.push(...validation.diagnostics);
    if (validation.model && validation.model.task !== model.task) {
      if (model.versions.length > 1) {
        diagnostics.push({
          code: 'LATERAL_ERR_CATALOG_VERSION_CONFLICT',
          option: 'task',
          message: `The task of model ${quoted(model.name)} is '${model.task}' in every version; it cannot change in one of them.`,
        });
      } else {
        updated = { ...updated, task: validation.model.task };
      }
    }
    const next: ModelVersionEntry = { ...version, options };
    updated = { ...updated, versions: model.versions.map((entry) => (entry === version ? next : entry)) };
  }
  if (diagnostics.length > 0) throw statementFailure(statement, diagnostics, change.entries, statement.name.location);
  const defaultEntry = updated.versions.find((entry) => entry.version === updated.defaultVersion);
  updated = { ...updated, providerId: providerOf(defaultEntry?.options) ?? updated.providerId };
  await context.catalog.putModel(updated, { basedOn: model });
  const what = options === version.options ? `Model ${quoted(model.name)} altered` : `Model ${quoted(model.name)} version ${version.version} altered`;
  return messageResult(statement, `${what}. Default version: ${updated.defaultVersion}`);
}

interface OptionChange {
  options(current: Record<string, string>): Record<string, string>;
  defaultVersion?: number;
  diagnostics: Diagnostic[];
  entries: ReadonlyMap<string, OptionEntry>;
}

function setChange(entries: OptionEntry[], model: ModelEntry): OptionChange {
  const normalized = normalizeOptionEntries(entries);
  const { [DEFAULT_VERSION_OPTION]: defaultValue, ...values } = normalized.values;
  const diagnostics = [...normalized.diagnostics];
  let defaultVersion: number | undefined;
  if (defaultValue !== undefined) {
    const number = /^\s*\d+\s*$/.test(defaultValue) ? Number(defaultValue) : undefined;
    if (number === undefined || !model.versions.some((entry) => entry.version === number)) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_INVALID',
        option: DEFAULT_VERSION_OPTION,
        message: `Invalid value for '${DEFAULT_VERSION_OPTION}': '${defaultValue}' is not a version of ${quoted(model.name)} (versions: ${model.versions.map((v) => v.version).join(', ')}).`,
        expected: model.versions.map((entry) => String(entry.version)),
      });
    } else {
      defaultVersion = number;
    }
  }
  const changed = Object.keys(values).length > 0;
  return {
    options: (current) => (changed ? { ...current, ...values } : current),
    ...(defaultVersion === undefined ? {} : { defaultVersion }),
    diagnostics,
    entries: normalized.entries,
  };
}

/** RESET removes keys (back to their defaults); resetting 'default_version' makes the lowest version the default. */
function resetChange(keys: string[], model: ModelEntry): OptionChange {
  const lowered = keys.map((key) => key.trim().toLowerCase());
  const removed = lowered.filter((key) => key !== DEFAULT_VERSION_OPTION);
  const resetsDefault = lowered.includes(DEFAULT_VERSION_OPTION);
  return {
    options: (current) => {
      if (!removed.some((key) => key in current)) return current;
      const next = { ...current };
      for (const key of removed) delete next[key];
      return next;
    },
    ...(resetsDefault ? { defaultVersion: Math.min(...model.versions.map((entry) => entry.version)) } : {}),
    diagnostics: [],
    entries: new Map(),
  };
}

async function renameModel(statement: AlterModelStatement, newName: AlterModelStatement['name'], model: ModelEntry, context: DdlContext): Promise<MessageResult> {
  if (statement.name.version !== undefined || newName.version !== undefined) {
    throw statementError(statement, 'LATERAL_ERR_BIND_UNSUPPORTED', 'RENAME TO renames the model with all its versions: write the names without a $ suffix.', statement.name.location);
  }
  const target = objectBaseName(newName);
  const clash = findClash(context.catalog.listModels(), target);
  if (clash && clash !== model) {
    throw statementError(statement, 'LATERAL_ERR_CATALOG_EXISTS', `Model ${quoted(clash.name)} already exists.`, newName.location);
  }
  await context.catalog.renameModel(model.name, target);
  return messageResult(statement, `Model ${quoted(model.name)} renamed to ${quoted(target)}.`);
}

/**
 * DROP MODEL [IF EXISTS] name | name$n | name$all (reference §7): no suffix drops the default
 * version; the last version takes the model with it; a dropped default passes to the lowest
 * remaining version.
 */
export async function dropModel(statement: DropStatement, context: DdlContext): Promise<MessageResult> {
  const name = objectBaseName(statement.name);
  const model = context.catalog.getModel(name);
  if (!model) {
    if (statement.ifExists) return messageResult(statement, `Model ${quoted(name)} does not exist; nothing dropped (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(name)} does not exist.`, statement.name.location);
  }
  if (statement.name.version === 'all') {
    await context.catalog.dropModel(model.name);
    return messageResult(statement, `Model ${quoted(model.name)} dropped with all its versions.`);
  }
  const version = pickVersion(model, statement.name.version);
  if (!version) {
    if (statement.ifExists) return messageResult(statement, `Model ${quoted(model.name)} has no version ${String(statement.name.version)}; nothing dropped (IF EXISTS).`);
    throw statementError(statement, 'LATERAL_ERR_CATALOG_NOT_FOUND', `Model ${quoted(model.name)} has no version ${String(statement.name.version)}.`, statement.name.location);
  }
  const remaining = withoutVersion(model, version.version);
  if (!remaining) {
    await context.catalog.dropModel(model.name);
    return messageResult(statement, `Version ${version.version} of model ${quoted(model.name)} dropped; it was the last version, so the model is gone.`);
  }
  await context.catalog.putModel(remaining, { basedOn: model });
  return messageResult(statement, `Version ${version.version} of model ${quoted(model.name)} dropped. Default version: ${remaining.defaultVersion}`);
}
