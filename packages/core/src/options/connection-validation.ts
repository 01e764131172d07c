import type { Diagnostic } from '@lateral/spec';
import { pluginPackageFor, publishedPluginIds } from '@lateral/spec';
import type { ConnectionSchema, OptionSpec } from '@lateral/spec';
import type { ProviderV1 } from '@lateral/spec';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { COMMON_CONNECTION_OPTIONS } from './common-model-options.js';
import { maskEndpointCredentials } from './endpoint-credentials.js';
import { hasEnvReference } from './env-reference.js';
import { checkOptionValue, isLoopbackHost, urlProblem } from './option-value.js';

/** Reference §3.4: a secret may be at most 4000 bytes once encoded. */
export const MAX_SECRET_BYTES = 4000;

/**
 * Credential keys the dialect knows for some connection type (reference §3.3). A key from this
 * list that the type does not accept is reported as a secret that is not allowed, the CLI's
 * wording, rather than as an unknown option.
 */
export const DIALECT_SECRET_KEYS: readonly string[] = [
  'api-key',
  'aws-access-key',
  'aws-secret-key',
  'aws-session-token',
  'service-key',
  'username',
  'password',
  'token',
  'token-endpoint',
  'client-id',
  'client-secret',
  'scope',
];

/** A connection's options split into what is stored in catalog.json and what goes to secrets.json. */
export interface ValidatedConnection {
  type: string;
  endpoint: string;
  options: Record<string, string>;
  secrets: Record<string, string>;
}

export interface ConnectionValidation {
  connection?: ValidatedConnection;
  diagnostics: Diagnostic[];
  warnings: string[];
}

/** Package that serves a provider or connection type by the naming rule (docs/architecture.md, "Plugin packages"). */
export function providerPackageFor(id: string): string {
  return pluginPackageFor('provider', id);
}

/** The providers Lateral publishes a package for (each also names its connection type), as @lateral/spec declares them. */
export const LATERAL_PROVIDER_IDS: readonly string[] = publishedPluginIds('provider');

/**
 * Why a provider (or connection type) is not available: a known package that is not installed,
 * or a name Lateral has no provider for (e.g. the dialect's tool and search connection types).
 */
export function unknownProviderMessage(what: 'Provider' | 'Connection type', id: string): string {
  if (LATERAL_PROVIDER_IDS.includes(id)) {
    const packageName = providerPackageFor(id);
    return `${what} '${id}' is not installed: add ${packageName} (pnpm add ${packageName}).`;
  }
  return (
    `${what} '${id}' is not supported by Lateral. Model providers: ${LATERAL_PROVIDER_IDS.join(', ')}` +
    (what === 'Connection type' ? ' (tool, search and database connection types such as mcp_server are not supported).' : '.')
  );
}

/**
 * Checks CREATE/ALTER CONNECTION options (keys already lower-cased): `type` and `endpoint`
 * required, every other key known to the type's schema, required and one-of secrets present,
 * values typed, secrets short enough. Collects every problem.
 */
export function validateConnectionOptions(values: Record<string, string>, registry: PluginRegistry): ConnectionValidation {
  const validation = validateConnection(values, registry);
  const endpoint = values.endpoint?.trim();
  if (!endpoint || validation.diagnostics.length === 0) return validation;
  // messages that quote the endpoint must not show the credentials written into it (`?key=…`)
  const shown = maskEndpointCredentials(endpoint);
  if (shown === endpoint) return validation;
  const diagnostics = validation.diagnostics.map((diagnostic) => ({ ...diagnostic, message: diagnostic.message.split(endpoint).join(shown) }));
  return { ...validation, diagnostics };
}

function validateConnection(values: Record<string, string>, registry: PluginRegistry): ConnectionValidation {
  const diagnostics: Diagnostic[] = [];
  const warnings: string[] = [];
  const type = values.type?.trim().toLowerCase();
  const endpoint = values.endpoint?.trim();
  if (!type) diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'type', message: "Option 'type' is required for a connection." });
  if (endpoint === undefined || endpoint === '') {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'endpoint', message: "Option 'endpoint' is required for a connection." });
  } else {
    checkEndpoint(endpoint, diagnostics, warnings);
  }
  if (!type) return { diagnostics, warnings };
  const provider = registry.providerForConnectionType(type);
  if (!provider) {
    diagnostics.push({
      code: 'LATERAL_ERR_PROVIDER_UNKNOWN',
      option: 'type',
      message: unknownProviderMessage('Connection type', type),
      expected: publishedPluginIds('provider', (entry) => entry.usesConnection !== false),
    });
    return { diagnostics, warnings };
  }
  const schema = schemaFor(provider, type);
  if (endpoint && !hasEnvReference(endpoint) && urlProblem(endpoint) === undefined) {
    const problem = schema.validateEndpoint?.(endpoint);
    if (problem) diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', option: 'endpoint', message: `Invalid endpoint for connection type '${type}': ${problem}` });
  }
  const split = splitKeys(values, type, schema, registry, diagnostics);
  checkRequired(type, schema, split.secrets, split.options, diagnostics);
  checkOneOf(type, schema, split.secrets, diagnostics);
  diagnostics.push(...providerSecretChecks(schema, split.secrets, diagnostics));
  if (diagnostics.length === 0 && endpoint && !hasEnvReference(endpoint) && schema.validateOptions) {
    diagnostics.push(...schema.validateOptions(endpoint, split.options));
  }
  if (diagnostics.length > 0) return { diagnostics, warnings };
  return { connection: { type, endpoint: endpoint ?? '', options: split.options, secrets: split.secrets }, diagnostics, warnings };
}

function schemaFor(provider: ProviderV1, type: string): ConnectionSchema {
  return (
    provider.connectionSchemas.find((schema) => schema.types.includes(type)) ?? {
      types: [type],
      secretKeys: [],
      requiredKeys: [],
      optionalKeys: [],
    }
  );
}

function checkEndpoint(endpoint: string, diagnostics: Diagnostic[], warnings: string[]): void {
  // A reference is resolved at run time; its shape cannot be known now.
  if (hasEnvReference(endpoint)) return;
  const problem = urlProblem(endpoint);
  if (problem) {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', option: 'endpoint', message: `Invalid value for option 'endpoint': ${problem}.` });
    return;
  }
  const url = new URL(endpoint);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    warnings.push(`Endpoint '${url.origin}' uses plain http to a host that is not this machine: requests and credentials travel unencrypted.`);
  }
}

function splitKeys(
  values: Record<string, string>,
  type: string,
  schema: ConnectionSchema,
  registry: PluginRegistry,
  diagnostics: Diagnostic[],
): { options: Record<string, string>; secrets: Record<string, string> } {
  const options: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  const optionSpecs = new Map<string, OptionSpec>([...COMMON_CONNECTION_OPTIONS, ...schema.optionalKeys].map((spec) => [spec.key, spec]));
  const knownSecrets = new Set([...DIALECT_SECRET_KEYS, ...allSecretKeys(registry)]);
  for (const [key, value] of Object.entries(values)) {
    if (key === 'type' || key === 'endpoint') continue;
    if (schema.secretKeys.includes(key)) {
      checkSecretValue(key, value, diagnostics);
      secrets[key] = value;
      continue;
    }
    const spec = optionSpecs.get(key);
    if (spec) {
      const problem = checkOptionValue(spec, key, value);
      if (problem) diagnostics.push(problem);
      options[key] = value;
      continue;
    }
    if (knownSecrets.has(key)) {
      diagnostics.push({
        code: 'LATERAL_ERR_SECRET_NOT_ALLOWED',
        option: key,
        message: `${key} is invalid for connection ${type}. Valid secret keys: ${schema.secretKeys.join(', ') || '(none)'}.`,
        expected: [...schema.secretKeys],
      });
      continue;
    }
    const allowed = ['type', 'endpoint', ...schema.secretKeys, ...optionSpecs.keys()];
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_UNKNOWN',
      option: key,
      message: `Unknown option '${key}' for connection type '${type}'. Allowed keys: ${allowed.join(', ')}.`,
      expected: allowed,
    });
  }
  return { options, secrets };
}

function allSecretKeys(registry: PluginRegistry): string[] {
  return registry.providerIds().flatMap((id) => registry.provider(id)?.connectionSchemas.flatMap((schema) => schema.secretKeys) ?? []);
}

function checkSecretValue(key: string, value: string, diagnostics: Diagnostic[]): void {
  if (value.trim() === '') {
    diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', option: key, message: `Secret '${key}' must not be empty.` });
  } else if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
    diagnostics.push({
      code: 'LATERAL_ERR_SECRET_TOO_LONG',
      option: key,
      message: `Secret '${key}' is ${Buffer.byteLength(value, 'utf8')} bytes long; at most ${MAX_SECRET_BYTES} bytes are allowed.`,
    });
  }
}

/** The schema's own checks of secret values; a reference is only known at run time, and a value already refused is not judged twice. */
function providerSecretChecks(schema: ConnectionSchema, secrets: Record<string, string>, earlier: readonly Diagnostic[]): Diagnostic[] {
  if (!schema.validateSecrets) return [];
  const checkable: Record<string, string> = {};
  for (const [key, value] of Object.entries(secrets)) {
    if (!hasEnvReference(value) && !earlier.some((diagnostic) => diagnostic.option === key)) checkable[key] = value;
  }
  return Object.keys(checkable).length === 0 ? [] : schema.validateSecrets(checkable);
}

function checkRequired(
  type: string,
  schema: ConnectionSchema,
  secrets: Record<string, string>,
  options: Record<string, string>,
  diagnostics: Diagnostic[],
): void {
  for (const key of schema.requiredKeys) {
    if (key in secrets || key in options) continue;
    const secret = schema.secretKeys.includes(key);
    diagnostics.push({
      code: secret ? 'LATERAL_ERR_SECRET_MISSING' : 'LATERAL_ERR_OPTION_MISSING',
      option: key,
      message: `Connection type '${type}' requires ${secret ? 'secret' : 'option'} '${key}'.`,
      expected: [...schema.requiredKeys],
    });
  }
  for (const spec of schema.optionalKeys) {
    if (spec.required && !(spec.key in options)) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_MISSING', option: spec.key, message: `Connection type '${type}' requires option '${spec.key}'.` });
    }
  }
}

/** Exactly one group complete; a partly given group names what it lacks (reference §3.3 CLI rules). */
function checkOneOf(type: string, schema: ConnectionSchema, secrets: Record<string, string>, diagnostics: Diagnostic[]): void {
  const groups = schema.oneOf ?? [];
  if (groups.length === 0) return;
  const complete = groups.filter((group) => group.every((key) => key in secrets));
  const partial = groups.filter((group) => !complete.includes(group) && group.some((key) => key in secrets));
  const describe = groups.map((group) => `{${group.join(', ')}}`).join(' or ');
  for (const group of partial) {
    const missing = group.filter((key) => !(key in secrets));
    diagnostics.push({
      code: 'LATERAL_ERR_SECRET_MISSING',
      option: missing[0],
      message: `Connection type '${type}': ${group.filter((key) => key in secrets).join(', ')} must be given together with ${missing.join(', ')}.`,
    });
  }
  if (complete.length === 0 && partial.length === 0) {
    diagnostics.push({ code: 'LATERAL_ERR_SECRET_MISSING', message: `Connection type '${type}' needs credentials: ${describe}.` });
  } else if (complete.length > 1) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_CONFLICT',
      option: complete[1]?.[0],
      message: `Connection type '${type}' takes one kind of credentials, ${describe}; several are set.`,
    });
  }
}
