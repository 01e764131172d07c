import type { ConnectorV2, SecretOptionKeys } from '@lateral/spec';
import { isSecretOptionKey, secretKeyPattern } from '../engine/redact-statement.js';

/**
 * Whether a table option's value is a secret: the connector declares it (`secretOptions`: exact
 * keys or `*` patterns) or the generic rule calls it one (isSecretOptionKey: `...password`,
 * `...secret`, `...key`, `...jaas.config`, ...). `connector` itself never is.
 */
export function isTableSecretOption(key: string, declared: SecretOptionKeys = []): boolean {
  const lower = key.trim().toLowerCase();
  if (lower === 'connector') return false;
  return isSecretOptionKey(lower) || declared.some((pattern) => secretKeyPattern(pattern).test(lower));
}

/** A table's options split as the catalog keeps them: plain options, and secret values for the store's secrets. */
export function splitTableSecrets(
  options: Record<string, string>,
  connector: Pick<ConnectorV2, 'secretOptions'> | undefined,
): { options: Record<string, string>; secrets: Record<string, string> } {
  const plain: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (isTableSecretOption(key, connector?.secretOptions)) secrets[key] = value;
    else plain[key] = value;
  }
  return { options: plain, secrets };
}
