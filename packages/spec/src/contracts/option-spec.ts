import type { Diagnostic } from './diagnostic.js';

/** How an option value is checked and converted. `duration-seconds` accepts `'120'` or `'120s'`. */
export type OptionValueType = 'string' | 'int' | 'number' | 'boolean' | 'duration-seconds' | 'url' | 'json';

export interface OptionSpec {
  /** Key without the provider prefix, lower-case, e.g. `deployment_name`, `custom_attributes`. */
  key: string;
  type: OptionValueType;
  required?: boolean;
  description: string;
  /** Allowed values (compared case-insensitively), when the option is an enumeration. */
  allowed?: readonly string[];
  /** Smallest accepted value for `int` / `number` / `duration-seconds` options (e.g. 1 for rates). */
  minimum?: number;
}

/** The keys a connection type accepts besides `type` and `endpoint` (reference §3.3). */
export interface ConnectionSchema {
  /** Connection `type` values this schema applies to, lower-case. */
  types: readonly string[];
  /** Keys whose values are secrets: stored in the owner-only secrets file, never printed. */
  secretKeys: readonly string[];
  /** Keys that must be present. */
  requiredKeys: readonly string[];
  /** Non-secret keys also accepted (e.g. a region fallback for non-AWS hosts). */
  optionalKeys: readonly OptionSpec[];
  /** Groups of which exactly one must be complete (e.g. `{api-key}` or `{username,password}`). */
  oneOf?: readonly (readonly string[])[];
  /** Checks the endpoint URL's shape; returns a message when it is not usable. */
  validateEndpoint?(endpoint: string): string | undefined;
  /**
   * Checks secret values at CREATE / ALTER CONNECTION time (e.g. that a Vertex `service-key` is a
   * service-account JSON key). Keys are lower-cased; values still holding a `${env:NAME}` reference
   * are skipped by the implementation. One diagnostic per bad key (`option` = the key); messages
   * never echo a secret.
   */
  validateSecrets?(secrets: Record<string, string>): Diagnostic[];
  /**
   * Checks the endpoint together with the non-secret options at CREATE / ALTER CONNECTION time
   * (e.g. that an AWS signing region is known from the host or the `region` option). Not called
   * while the endpoint still holds a `${env:NAME}` reference.
   */
  validateOptions?(endpoint: string, options: Record<string, string>): Diagnostic[];
}
