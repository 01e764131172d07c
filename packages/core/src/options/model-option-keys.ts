import type { Diagnostic } from '@lateral/spec';
import type { OptionSpec } from '@lateral/spec';
import type { ProviderV1 } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import {
  COMMON_MODEL_OPTIONS,
  DEFAULT_VERSION_OPTION,
  DIALECT_PROVIDER_IDS,
  LEGACY_MODEL_OPTION_KEYS,
  PARAMS_PREFIX,
  TOP_LEVEL_MODEL_OPTIONS,
} from './common-model-options.js';
import { checkOptionValue } from './option-value.js';

/** The keys a model of `provider` accepts, as the user writes them (`openai.connection`, `openai.params.*`). */
export function allowedModelKeys(provider: ProviderV1): string[] {
  const prefix = `${provider.id.toLowerCase()}.`;
  return [
    ...TOP_LEVEL_MODEL_OPTIONS.map((spec) => spec.key),
    ...COMMON_MODEL_OPTIONS.map((spec) => prefix + spec.key),
    `${prefix}${PARAMS_PREFIX}*`,
    ...provider.modelOptions.map((spec) => prefix + spec.key.toLowerCase()),
  ];
}

/**
 * Checks every CREATE/ALTER MODEL key (lower-cased) against what the model's provider accepts and
 * types each value. `provider` is undefined when it is missing or unknown: that is reported
 * elsewhere, and keys under its prefix cannot be judged.
 */
export function checkModelOptionKeys(
  values: Record<string, string>,
  providerId: string | undefined,
  provider: ProviderV1 | undefined,
  registry: PluginRegistry,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const prefix = providerId ? `${providerId}.` : undefined;
  const specs = provider ? providerSpecs(provider) : new Map<string, OptionSpec>();
  for (const [key, value] of Object.entries(values)) {
    if (TOP_LEVEL_MODEL_OPTIONS.some((spec) => spec.key === key)) continue;
    if (key === DEFAULT_VERSION_OPTION) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_UNKNOWN',
        option: key,
        message: `Option '${DEFAULT_VERSION_OPTION}' can only be set with ALTER MODEL ... SET ('${DEFAULT_VERSION_OPTION}' = '<n>').`,
      });
      continue;
    }
    if (prefix && key.startsWith(prefix)) {
      if (!provider) continue;
      const problem = checkProviderKey(key, key.slice(prefix.length), value, provider, specs);
      if (problem) diagnostics.push(problem);
      continue;
    }
    // Without a provider, a prefixed key cannot be judged: the missing provider is the problem.
    if (!providerId && key.includes('.')) continue;
    diagnostics.push(foreignKey(key, providerId, provider, registry));
  }
  for (const spec of provider?.modelOptions ?? []) {
    const key = `${prefix}${spec.key.toLowerCase()}`;
    if (spec.required && values[key] === undefined) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: key, message: `Option '${key}' is required: ${spec.description}` });
    }
  }
  return diagnostics;
}

function providerSpecs(provider: ProviderV1): Map<string, OptionSpec> {
  const specs = new Map<string, OptionSpec>();
  for (const spec of COMMON_MODEL_OPTIONS) specs.set(spec.key, spec);
  for (const spec of provider.modelOptions) specs.set(spec.key.toLowerCase(), spec);
  return specs;
}

function checkProviderKey(
  key: string,
  rest: string,
  value: string,
  provider: ProviderV1,
  specs: Map<string, OptionSpec>,
): Diagnostic | undefined {
  if (rest.startsWith(PARAMS_PREFIX)) {
    if (rest.length > PARAMS_PREFIX.length) return undefined;
    return { code: 'LATERAL_ERR_OPTION_INVALID', option: key, message: `Option '${key}' needs a parameter name after 'params.'.` };
  }
  const spec = specs.get(rest);
  if (spec) return checkOptionValue(spec, key, value);
  const id = provider.id.toLowerCase();
  if (LEGACY_MODEL_OPTION_KEYS.includes(rest)) {
    return {
      code: 'LATERAL_ERR_OPTION_UNKNOWN',
      option: key,
      message:
        `Option '${key}' is no longer supported: endpoints and secrets live on a connection. ` +
        `Create one (CREATE CONNECTION c WITH ('type' = '${provider.connectionTypes[0] ?? id}', 'endpoint' = '...', ...)) ` +
        `and set '${id}.connection' = 'c'.`,
    };
  }
  const allowed = allowedModelKeys(provider);
  return {
    code: 'LATERAL_ERR_OPTION_UNKNOWN',
    option: key,
    message: `Unknown option '${key}' for provider '${id}'. Allowed keys: ${allowed.join(', ')}.`,
    expected: allowed,
  };
}

function foreignKey(key: string, providerId: string | undefined, provider: ProviderV1 | undefined, registry: PluginRegistry): Diagnostic {
  const expected = provider ? allowedModelKeys(provider) : TOP_LEVEL_MODEL_OPTIONS.map((spec) => spec.key);
  const dot = key.indexOf('.');
  const owner = dot > 0 ? key.slice(0, dot) : undefined;
  if (owner && providerId && (DIALECT_PROVIDER_IDS.includes(owner) || registry.provider(owner))) {
    return {
      code: 'LATERAL_ERR_OPTION_UNKNOWN',
      option: key,
      message: `Option '${key}' belongs to provider '${owner}', but this model's provider is '${providerId}'; use '${providerId}.${key.slice(dot + 1)}'.`,
      expected,
    };
  }
  return {
    code: 'LATERAL_ERR_OPTION_UNKNOWN',
    option: key,
    message: `Unknown model option '${key}'. Allowed keys: ${expected.join(', ')}.`,
    expected,
  };
}
