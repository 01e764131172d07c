import { COMMON_CONNECTION_OPTIONS, COMMON_MODEL_OPTIONS, TOP_LEVEL_MODEL_OPTIONS, type Engine, type PluginLoader } from '@lateral/core';
import type { CompletionSource } from './shell-completion.js';

/** The filesystem connector's keys (memory tables take none). */
const TABLE_KEYS = [
  'connector', 'path', 'format',
  'csv.field-delimiter', 'csv.quote-character', 'csv.null-literal', 'csv.ignore-parse-errors', 'csv.allow-comments',
  'json.ignore-parse-errors', 'json.fail-on-missing-field',
];

/**
 * Completion candidates read from the engine's catalog at every Tab (another process may have
 * changed it) and option keys from the providers' schemas; a provider named in the statement
 * (`'type' = 'openai'`, `'provider' = 'bedrock'`) is loaded first so its own keys are offered.
 */
export function catalogCompletionSource(engine: Engine, loader: PluginLoader | undefined, commands: readonly string[]): CompletionSource {
  const catalog = engine.catalog;
  return {
    commands,
    tables: () => catalog.listTables().map((table) => ({ name: table.name, columns: table.columns })),
    models: () => catalog.listModels().map((model) => model.name),
    connections: () => catalog.listConnections().map((connection) => connection.name),
    async optionKeys(kind, typed) {
      if (kind === 'table') return TABLE_KEYS;
      if (kind === 'connection') {
        const type = optionValue(typed, 'type');
        const keys = ['type', 'endpoint', ...COMMON_CONNECTION_OPTIONS.map((spec) => spec.key)];
        if (!type) return keys;
        await loader?.ensureConnectionType(type).catch(() => undefined);
        const schema = engine.registry.providerForConnectionType(type)?.connectionSchemas.find((candidate) => candidate.types.includes(type));
        if (!schema) return keys;
        return [...keys, ...schema.requiredKeys, ...schema.secretKeys, ...schema.optionalKeys.map((spec) => spec.key)];
      }
      const keys = TOP_LEVEL_MODEL_OPTIONS.map((spec) => spec.key);
      const providerId = optionValue(typed, 'provider');
      if (!providerId) return keys;
      await loader?.ensureProvider(providerId).catch(() => undefined);
      const provider = engine.registry.provider(providerId);
      const prefix = `${providerId}.`;
      return [
        ...keys,
        ...COMMON_MODEL_OPTIONS.map((spec) => prefix + spec.key),
        ...(provider?.modelOptions ?? []).map((spec) => prefix + spec.key.toLowerCase()),
        `${prefix}params.`,
      ];
    },
  };
}

/** The value written for `key` in the statement so far (`'key' = 'value'`), lower-cased. */
function optionValue(statement: string, key: string): string | undefined {
  const match = new RegExp(`'${key}'\\s*=\\s*'([^']*)'`, 'i').exec(statement);
  return match?.[1]?.trim().toLowerCase() || undefined;
}
