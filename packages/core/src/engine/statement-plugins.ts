import type { FunctionCall, ModelRef, Statement, TableRef } from '@lateral/parser';
import type { MutableCatalog } from '../catalog/mutable-catalog.js';
import { objectBaseName } from '../catalog/name-lookup.js';
import { LateralError } from '@lateral/spec';
import { scalarFunctionNames } from '../expressions/expr-functions.js';
import { withModelArgument } from '../functions/model-argument.js';
import type { PluginLoader } from './plugin-loader.js';

/**
 * Loads the provider and connector packages a statement needs before it is validated or run: the
 * provider named by CREATE MODEL, the connection type of CREATE/ALTER CONNECTION, the providers of
 * the models a query or ALTER MODEL touches, the connector of CREATE TABLE and of the tables a
 * query, an INSERT or a DROP TABLE touches. A connector that is not installed is reported where it
 * is used (CREATE TABLE's validation, the binder) with the package to add.
 */
export async function ensureStatementPlugins(statement: Statement, loader: PluginLoader, catalog: MutableCatalog): Promise<void> {
  switch (statement.type) {
    case 'create_connection': {
      const type = optionValue(statement.options, 'type');
      if (type) await loader.ensureConnectionType(type);
      return;
    }
    case 'alter_connection': {
      const connection = catalog.getConnection(objectBaseName(statement.name));
      if (connection) await loader.ensureConnectionType(connection.type);
      return;
    }
    case 'create_model': {
      const provider = optionValue(statement.options, 'provider');
      // A provider that is not installed is reported by validation, together with every other problem.
      if (provider) await quietly(loader.ensureProvider(provider));
      return;
    }
    case 'alter_model': {
      const model = catalog.getModel(objectBaseName(statement.name));
      const providers = new Set(model?.versions.map((version) => version.options.provider ?? '') ?? []);
      if (statement.action.kind === 'set') providers.add(optionValue(statement.action.options, 'provider') ?? '');
      for (const provider of providers) if (provider.trim() !== '') await quietly(loader.ensureProvider(provider));
      return;
    }
    case 'create_table': {
      const connector = optionValue(statement.options, 'connector');
      if (connector) await quietly(loader.ensureConnector(connector));
      return;
    }
    case 'drop':
      if (statement.objectKind === 'table') await ensureTableConnector(objectBaseName(statement.name), loader, catalog);
      return;
    case 'query':
    case 'insert':
      if (statement.type === 'insert') await ensureTableConnector(objectBaseName(statement.table), loader, catalog);
      for (const ref of tableRefs(statement)) await ensureTableConnector(objectBaseName(ref.name), loader, catalog);
      for (const call of tableFunctionCalls(statement)) {
        const fn = await loader.ensureTableFunction(call.name);
        // A plugin's model argument written as 'name' or `name`: read it as the binder will.
        const ref = fn ? withModelArgument(fn, call.args)[fn.modelArgument ?? -1] : undefined;
        if (ref?.type === 'model_ref' && ref !== call.args[fn!.modelArgument!]) await ensureModelProvider(ref, loader, catalog);
      }
      for (const ref of modelRefs(statement)) await ensureModelProvider(ref, loader, catalog);
      return;
    default:
      return;
  }
}

async function ensureTableConnector(name: string, loader: PluginLoader, catalog: MutableCatalog): Promise<void> {
  const connector = catalog.getTable(name)?.options.connector;
  if (connector) await quietly(loader.ensureConnector(connector));
}

async function ensureModelProvider(ref: ModelRef, loader: PluginLoader, catalog: MutableCatalog): Promise<void> {
  const model = catalog.getModel(objectBaseName(ref.name));
  if (!model) return; // the binder reports the unknown model at its reference
  const versions =
    ref.name.version === 'all'
      ? model.versions
      : model.versions.filter((version) => version.version === (typeof ref.name.version === 'number' ? ref.name.version : model.defaultVersion));
  for (const version of versions) {
    const provider = version.options.provider;
    if (!provider) continue;
    try {
      await loader.ensureProvider(provider);
    } catch (error) {
      if (LateralError.isInstance(error) && !error.location) (error as { location?: ModelRef['location'] }).location = ref.location;
      throw error;
    }
  }
}

/**
 * The names a statement calls that could be table functions: every LATERAL TABLE(fn(...)) and
 * every call in the select list that is not a scalar function (ML_EVALUATE(...) is an aggregate).
 */
export function tableFunctionCalls(node: unknown): FunctionCall[] {
  const scalar = new Set(scalarFunctionNames());
  const found: FunctionCall[] = [];
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) for (const each of next) pending.push(each);
    else if (typeof next === 'object' && next !== null) {
      const { type, name } = next as { type?: unknown; name?: unknown };
      if (type === 'call' && typeof name === 'string' && !scalar.has(name)) found.push(next as FunctionCall);
      for (const [key, value] of Object.entries(next)) if (key !== 'location') pending.push(value);
    }
  }
  return found;
}

/** Every table read by a statement (FROM items), wherever it sits. */
export function tableRefs(node: unknown): TableRef[] {
  return nodesOfType<TableRef>(node, 'table_ref');
}

/** Every model reference in a statement, wherever it sits (FROM laterals, nested calls, INSERT ... SELECT). */
export function modelRefs(node: unknown, found: ModelRef[] = []): ModelRef[] {
  return nodesOfType<ModelRef>(node, 'model_ref', found);
}

function nodesOfType<T>(node: unknown, type: string, found: T[] = []): T[] {
  // A work list, not recursion: a chain of thousands of ORs is a tree as deep.
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      for (let index = next.length - 1; index >= 0; index -= 1) pending.push(next[index]);
    } else if (typeof next === 'object' && next !== null) {
      if ((next as { type?: unknown }).type === type) found.push(next as T);
      else {
        const entries = Object.entries(next).filter(([key]) => key !== 'location');
        for (let index = entries.length - 1; index >= 0; index -= 1) pending.push(entries[index]![1]);
      }
    }
  }
  return found;
}

function optionValue(options: ReadonlyArray<{ key: string; value: string }>, key: string): string | undefined {
  return options.find((option) => option.key.trim().toLowerCase() === key)?.value;
}

async function quietly(loading: Promise<void>): Promise<void> {
  try {
    await loading;
  } catch (error) {
    if (LateralError.isInstance(error) && (error.code === 'LATERAL_ERR_PROVIDER_UNKNOWN' || error.code === 'LATERAL_ERR_CONNECTOR_UNKNOWN')) return;
    throw error;
  }
}
