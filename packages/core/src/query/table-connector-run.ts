import type { ConnectorContext, TableDefinition } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import { LateralError } from '@lateral/spec';
import { maskSecrets } from '@lateral/spec';
import { resolveEnvReferences } from '../options/env-reference.js';
import { isTableSecretOption } from '../options/table-secret-options.js';

/** A table as its connector is handed it for one read or one INSERT, and how to mask its secrets. */
export interface ConnectorRun {
  /** The definition with every option's value as the connector must use it (secrets back, `${env:NAME}` resolved). */
  table: TableDefinition;
  context: ConnectorContext;
  /**
   * `error` with the table's secret values masked: a LateralError keeps its code (and loses its
   * cause when its message quoted a secret); anything else becomes `wrap(masked message)`.
   */
  masked(error: unknown, wrap: (reason: string) => LateralError): unknown;
}

/**
 * Resolves a table's options for its connector: the secret values the catalog keeps in the store's
 * secrets are put back, and every `${env:NAME}` is replaced from the statement's environment (an
 * unset variable fails with LATERAL_ERR_SECRET_ENV_UNSET naming the option and the table).
 */
export function connectorRun(table: TableDefinition, engine: EngineContext, signal?: AbortSignal): ConnectorRun {
  const stored = { ...table.options, ...(engine.catalog.tableSecrets?.(table.name) ?? {}) };
  const owner = `table '${table.name}'`;
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored)) options[key] = resolveEnvReferences(value, engine.environment, { owner, option: key });
  const secretKeys = new Set(engine.catalog.getTable(table.name)?.secretKeys ?? []);
  const secrets = Object.entries(options)
    .filter(([key]) => secretKeys.has(key) || isTableSecretOption(key))
    .map(([, value]) => value);
  const resolved: TableDefinition = { ...table, options };
  return {
    table: resolved,
    context: { dataDir: engine.dataDir, options, environment: engine.environment, ...(signal ? { signal } : {}) },
    masked: (error, wrap) => maskConnectorError(error, secrets, wrap),
  };
}

function maskConnectorError(error: unknown, secrets: readonly string[], wrap: (reason: string) => LateralError): unknown {
  if (LateralError.isInstance(error)) {
    const message = maskSecrets(error.message, secrets);
    if (message === error.message) return error;
    return new LateralError({ ...error.toPlain(), message });
  }
  const reason = error instanceof Error ? error.message : String(error);
  const message = maskSecrets(reason, secrets);
  if (message === reason) return wrap(reason);
  const masked = wrap(message);
  // The cause quotes the secret: keep the masked error alone.
  return new LateralError({ ...masked.toPlain() });
}
