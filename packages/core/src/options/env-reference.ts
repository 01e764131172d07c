import { LateralError } from '@lateral/spec';

/** `${env:NAME}`: NAME as POSIX shells allow it. */
const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function hasEnvReference(value: string): boolean {
  ENV_REFERENCE.lastIndex = 0;
  return ENV_REFERENCE.test(value);
}

/** True when the value is nothing but one reference: printing it reveals no secret. */
export function isPureEnvReference(value: string): boolean {
  return /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value.trim());
}

/** Where a reference was written, for the message (never the value). */
export interface EnvReferenceSite {
  /** `connection 'openai-chat'` or `model 'summarizer' version 2`. */
  owner: string;
  option: string;
}

/**
 * Replaces every `${env:NAME}` in `value` with the variable's value. An unset (or empty)
 * variable fails with LATERAL_ERR_SECRET_ENV_UNSET naming the variable and where it was used.
 */
export function resolveEnvReferences(
  value: string,
  environment: Record<string, string | undefined>,
  site: EnvReferenceSite,
): string {
  return value.replace(ENV_REFERENCE, (_match, name: string) => {
    const resolved = environment[name];
    if (resolved === undefined || resolved === '') {
      throw new LateralError({
        code: 'LATERAL_ERR_SECRET_ENV_UNSET',
        message: `Environment variable '${name}' is not set; it is referenced by option '${site.option}' of ${site.owner}.`,
        details: { variable: name, option: site.option },
      });
    }
    return resolved;
  });
}

/** Like resolveEnvReferences, but leaves unset references as written (for checks at CREATE time). */
export function resolveEnvReferencesLeniently(value: string, environment: Record<string, string | undefined>): string {
  return value.replace(ENV_REFERENCE, (match, name: string) => {
    const resolved = environment[name];
    return resolved === undefined || resolved === '' ? match : resolved;
  });
}
