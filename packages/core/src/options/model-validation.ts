import type { ConnectionEntry } from '../catalog/catalog.js';
import type { Diagnostic } from '@lateral/spec';
import { formatContextFor } from '../formats/format-context.js';
import type { ProviderV1 } from '@lateral/spec';
import type { ResolvedConnection, ResolvedModel } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { Column } from '@lateral/spec';
import { resolveEnvReferencesLeniently } from './env-reference.js';
import { buildResolvedModel } from './model-resolution.js';
import { checkModelOptionKeys } from './model-option-keys.js';

export interface ModelValidationContext {
  registry: PluginRegistry;
  /** A stored connection with its secrets resolved as far as the environment allows. */
  findConnection(name: string): { entry: ConnectionEntry; resolved: ResolvedConnection } | undefined;
  environment: Record<string, string | undefined>;
}

export interface ModelVersionDraft {
  name: string;
  version: number;
  input?: Column[];
  output?: Column[];
  /** WITH options, keys lower-cased, values as written. */
  options: Record<string, string>;
}

export interface ModelValidation {
  model?: ResolvedModel;
  diagnostics: Diagnostic[];
}

/**
 * Every CREATE MODEL / ALTER MODEL check of one version (reference §5, §9, §10), collected:
 * keys and values, INPUT/OUTPUT, the connection, the formats, then the formats', the task's and
 * the provider's own checks on the resolved model.
 */
export function validateModelVersion(draft: ModelVersionDraft, context: ModelValidationContext): ModelValidation {
  const { registry } = context;
  const diagnostics: Diagnostic[] = [];
  const providerId = draft.options.provider?.trim().toLowerCase() || undefined;
  const provider = providerId ? registry.provider(providerId) : undefined;
  diagnostics.push(...checkModelOptionKeys(draft.options, providerId, provider, registry));
  diagnostics.push(...checkColumns('INPUT', draft.input), ...checkColumns('OUTPUT', draft.output));
  const connection = provider && providerId ? checkConnection(draft.options, providerId, provider, context, diagnostics) : undefined;
  const mcp = draft.options['mcp.connection'];
  if (mcp !== undefined && !context.findConnection(mcp)) {
    diagnostics.push({ code: 'LATERAL_ERR_CATALOG_NOT_FOUND', option: 'mcp.connection', message: `Connection '${mcp}' does not exist.` });
  }

  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(draft.options)) options[key] = resolveEnvReferencesLeniently(value, context.environment);
  const resolution = buildResolvedModel(
    { name: draft.name, version: draft.version, input: draft.input ?? [], output: draft.output ?? [], options, ...(connection ? { connection } : {}) },
    registry,
  );
  diagnostics.push(...resolution.diagnostics);
  const model = resolution.model;
  // Without the connection its endpoint is unknown, so the default formats are a guess: checking
  // the schema against them would report errors that are only the missing connection's echo.
  const connectionKnown = connection !== undefined || !provider?.requiresConnection;
  if (model && draft.input && draft.output && resolution.provider && connectionKnown) {
    diagnostics.push(...deepChecks(model, resolution.provider, registry));
  }
  const unique = dedupe(diagnostics);
  return unique.length === 0 && model ? { model, diagnostics: [] } : { diagnostics: unique };
}

function checkColumns(clause: 'INPUT' | 'OUTPUT', columns: Column[] | undefined): Diagnostic[] {
  if (columns === undefined || columns.length === 0) {
    return [
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: `CREATE MODEL needs an ${clause} (column type, ...) clause: the model's format builds requests and reads responses from it.`,
      },
    ];
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const column of columns) {
    const key = column.name.toLowerCase();
    if (seen.has(key)) diagnostics.push({ code: 'LATERAL_ERR_FORMAT_SCHEMA', message: `${clause} column '${column.name}' is declared twice.` });
    seen.add(key);
  }
  return diagnostics;
}

function checkConnection(
  options: Record<string, string>,
  providerId: string,
  provider: ProviderV1,
  context: ModelValidationContext,
  diagnostics: Diagnostic[],
): ResolvedConnection | undefined {
  const key = `${providerId}.connection`;
  const name = options[key];
  if (name === undefined) {
    if (provider.requiresConnection) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_MISSING',
        option: key,
        message: `Option '${key}' is required: name a connection created with CREATE CONNECTION ... WITH ('type' = '${provider.connectionTypes[0] ?? providerId}', ...).`,
      });
    }
    return undefined;
  }
  const found = context.findConnection(name);
  if (!found) {
    diagnostics.push({ code: 'LATERAL_ERR_CATALOG_NOT_FOUND', option: key, message: `Connection '${name}' does not exist.` });
    return undefined;
  }
  if (!provider.connectionTypes.includes(found.entry.type)) {
    diagnostics.push({
      code: 'LATERAL_ERR_CONNECTION_TYPE_MISMATCH',
      option: key,
      message:
        provider.connectionTypes.length === 0
          ? `Provider '${providerId}' uses no connection, but '${key}' names connection '${found.entry.name}'.`
          : `Connection '${found.entry.name}' is of type '${found.entry.type}'; provider '${providerId}' needs a connection of type ${provider.connectionTypes.join(' or ')}.`,
      expected: [...provider.connectionTypes],
    });
    return undefined;
  }
  return found.resolved;
}

/** The formats', the task's and the provider's checks on a fully resolved model. */
function deepChecks(model: ResolvedModel, provider: ProviderV1, registry: PluginRegistry): Diagnostic[] {
  const inputFormat = registry.inputFormat(model.inputFormat.id)?.format;
  const outputFormat = registry.outputFormat(model.outputFormat.id)?.format;
  const context = formatContextFor(model, provider);
  const option = (name: string) => `${model.providerId}.${name}`;
  return [
    ...(inputFormat?.validate({ ...context, wrapper: model.inputFormat.wrapper }) ?? []).map((d) => ({ option: option('input_format'), ...d })),
    ...(outputFormat?.validate({ ...context, wrapper: model.outputFormat.wrapper }) ?? []).map((d) => ({ option: option('output_format'), ...d })),
    ...(registry.task(model.task)?.validate(model.input, model.output) ?? []).map((d) => ({ option: 'task', ...d })),
    ...(provider.validateModel?.(model) ?? []),
  ];
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.code}|${diagnostic.option ?? ''}|${diagnostic.option ? '' : diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
