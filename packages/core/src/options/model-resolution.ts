import type { Diagnostic } from '@lateral/spec';
import type { ProviderV1 } from '@lateral/spec';
import type { ResolvedConnection, ResolvedModel } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { TASK_IDS, type Column, type TaskId } from '@lateral/spec';
import { PARAMS_PREFIX } from './common-model-options.js';
import { parseDurationSeconds } from './option-value.js';
import { parseParams } from './params.js';
import { unknownProviderMessage, LATERAL_PROVIDER_IDS } from './connection-validation.js';

/** One model version's definition, option keys lower-cased, `${env:...}` already handled by the caller. */
export interface ModelVersionDefinition {
  name: string;
  version: number;
  input: Column[];
  output: Column[];
  options: Record<string, string>;
  connection?: ResolvedConnection;
}

export interface ModelResolution {
  model?: ResolvedModel;
  provider?: ProviderV1;
  diagnostics: Diagnostic[];
}

/**
 * Builds the plain-data ResolvedModel of one version: provider and task read, `<p>.*` options split
 * off, params typed, formats chosen (explicit option, else the provider's default, else the
 * input format's default output) and resolved through the registry. Used at CREATE time to
 * validate and at run time to call the model, so both agree.
 */
export function buildResolvedModel(definition: ModelVersionDefinition, registry: PluginRegistry): ModelResolution {
  const diagnostics: Diagnostic[] = [];
  const { options } = definition;
  const providerId = options.provider?.trim().toLowerCase();
  const provider = providerId ? registry.provider(providerId) : undefined;
  if (!providerId) {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'provider', message: "'provider' must be specified for a model." });
  } else if (!provider) {
    diagnostics.push({
      code: 'LATERAL_ERR_PROVIDER_UNKNOWN',
      option: 'provider',
      message: unknownProviderMessage('Provider', providerId),
      expected: [...LATERAL_PROVIDER_IDS],
    });
  }
  const task = readTask(options.task, diagnostics);
  if (!provider || !providerId || !task) return { diagnostics };

  const providerOptions = providerOptionsOf(options, providerId);
  const params = readParams(providerOptions, providerId, diagnostics);
  const clientTimeoutSeconds = providerOptions.client_timeout === undefined ? undefined : parseDurationSeconds(providerOptions.client_timeout);
  if (providerOptions.client_timeout !== undefined && clientTimeoutSeconds === undefined) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_INVALID',
      option: `${providerId}.client_timeout`,
      message: `Invalid value for option '${providerId}.client_timeout': expected a number of seconds such as '120' or '120s'.`,
    });
  }

  const inputName =
    providerOptions.input_format ??
    provider.defaultInputFormat({ task, endpoint: definition.connection?.endpoint, providerOptions });
  const inputRef = registry.inputFormat(inputName);
  if (!inputRef) {
    diagnostics.push(unknownFormat('input', inputName, `${providerId}.input_format`, registry.inputFormatIds()));
    return { provider, diagnostics };
  }
  const outputName = providerOptions.output_format ?? inputRef.format.defaultOutputFormat;
  const outputRef = registry.outputFormat(outputName);
  if (!outputRef) {
    diagnostics.push(unknownFormat('output', outputName, `${providerId}.output_format`, registry.outputFormatIds()));
    return { provider, diagnostics };
  }
  if (diagnostics.length > 0) return { provider, diagnostics };

  const model: ResolvedModel = {
    name: definition.name,
    version: definition.version,
    providerId,
    task,
    input: definition.input,
    output: definition.output,
    inputFormat: withWrapper(inputRef.format.id, inputRef.wrapper),
    outputFormat: withWrapper(outputRef.format.id, outputRef.wrapper),
    params,
    providerOptions,
    ...optional('inputContentType', providerOptions.input_content_type),
    ...optional('outputContentType', providerOptions.output_content_type),
    ...optional('modelVersion', providerOptions.model_version ?? provider?.defaultModelVersion),
    ...optional('systemPrompt', providerOptions.system_prompt),
    ...(clientTimeoutSeconds === undefined ? {} : { clientTimeoutMs: Math.round(clientTimeoutSeconds * 1000) }),
    ...(definition.connection ? { connection: definition.connection } : {}),
  };
  return { model, provider, diagnostics };
}

/** Every `<p>.<key>` option with the prefix removed. */
export function providerOptionsOf(options: Record<string, string>, providerId: string): Record<string, string> {
  const prefix = `${providerId}.`;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) if (key.startsWith(prefix)) result[key.slice(prefix.length)] = value;
  return result;
}

function readTask(value: string | undefined, diagnostics: Diagnostic[]): TaskId | undefined {
  if (value === undefined || value.trim() === '') {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'task', message: "'task' must be specified for a model.", expected: [...TASK_IDS] });
    return undefined;
  }
  const task = value.trim().toLowerCase();
  if ((TASK_IDS as readonly string[]).includes(task)) return task as TaskId;
  diagnostics.push({
    code: 'LATERAL_ERR_TASK_UNKNOWN',
    option: 'task',
    message: `Task value '${value}' is not supported. Supported values are: ${TASK_IDS.join(', ')}.`,
    expected: [...TASK_IDS],
  });
  return undefined;
}

function readParams(providerOptions: Record<string, string>, providerId: string, diagnostics: Diagnostic[]) {
  const entries: Record<string, string> = {};
  for (const [key, value] of Object.entries(providerOptions)) {
    if (key.startsWith(PARAMS_PREFIX) && key.length > PARAMS_PREFIX.length) entries[key.slice(PARAMS_PREFIX.length)] = value;
  }
  const parsed = parseParams(entries);
  for (const diagnostic of parsed.diagnostics) {
    const option = diagnostic.option === undefined ? undefined : qualifyParam(diagnostic.option, providerId);
    diagnostics.push(option === undefined ? diagnostic : { ...diagnostic, option });
  }
  return parsed.params;
}

/** parseParams names a parameter (`max_tokens`); errors should point at the WITH key. */
function qualifyParam(option: string, providerId: string): string {
  const lower = option.toLowerCase();
  return lower.startsWith(`${providerId}.`) ? lower : `${providerId}.${PARAMS_PREFIX}${lower.replace(/^params\./, '')}`;
}

function unknownFormat(kind: 'input' | 'output', name: string, option: string, known: string[]): Diagnostic {
  return {
    code: 'LATERAL_ERR_FORMAT_UNKNOWN',
    option,
    message: `Unsupported ML Model ${kind} format: ${name}. Known ${kind} formats: ${known.join(', ') || '(none registered)'}.`,
    expected: known,
  };
}

function withWrapper(id: string, wrapper: string | undefined): { id: string; wrapper?: string } {
  return wrapper === undefined ? { id } : { id, wrapper };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
