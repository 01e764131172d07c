import type { Diagnostic } from '@lateral/spec';
import type { OptionSpec } from '@lateral/spec';
import { hasEnvReference } from './env-reference.js';

const INTEGER = /^[+-]?\d+$/;
const DURATION_SECONDS = /^(\d+(?:\.\d+)?)\s*s?$/i;

/** `'120'` or `'120s'` → 120; undefined when the text is not a duration in seconds. */
export function parseDurationSeconds(value: string): number | undefined {
  const match = DURATION_SECONDS.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * Checks one option value against its spec. `key` is the key as the user should see it (with the
 * provider prefix). A value holding `${env:NAME}` is only known at run time and is not checked here.
 */
export function checkOptionValue(spec: OptionSpec, key: string, value: string): Diagnostic | undefined {
  if (hasEnvReference(value)) return undefined;
  const problem = valueProblem(spec, value.trim());
  if (problem === undefined) return undefined;
  return {
    code: 'LATERAL_ERR_OPTION_INVALID',
    option: key,
    message: `Invalid value for option '${key}': ${problem}.`,
    ...(spec.allowed ? { expected: [...spec.allowed] } : {}),
  };
}

function valueProblem(spec: OptionSpec, value: string): string | undefined {
  if (spec.allowed && !spec.allowed.some((allowed) => allowed.toLowerCase() === value.toLowerCase())) {
    return `'${value}' is not one of ${spec.allowed.join(', ')}`;
  }
  switch (spec.type) {
    case 'string':
      return undefined;
    case 'int':
      if (!INTEGER.test(value) || !Number.isSafeInteger(Number(value))) return `expected an integer, got '${value}'`;
      return belowMinimum(spec, Number(value));
    case 'number': {
      const number = Number(value);
      if (value === '' || !Number.isFinite(number)) return `expected a number, got '${value}'`;
      return belowMinimum(spec, number);
    }
    case 'boolean':
      return /^(true|false)$/i.test(value) ? undefined : `expected 'true' or 'false', got '${value}'`;
    case 'duration-seconds': {
      const seconds = parseDurationSeconds(value);
      if (seconds === undefined) return `expected a number of seconds such as '120' or '120s', got '${value}'`;
      return belowMinimum(spec, seconds);
    }
    case 'url':
      return urlProblem(value);
    case 'json':
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'expected a JSON document';
      }
  }
}

function belowMinimum(spec: OptionSpec, value: number): string | undefined {
  if (spec.minimum === undefined || value >= spec.minimum) return undefined;
  return spec.minimum === 1 && spec.type === 'int' ? `expected a positive integer, got '${value}'` : `must be at least ${spec.minimum}, got '${value}'`;
}

/** An http(s) URL, or a message saying why the text is not one. */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `'${value}' is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `expected an http or https URL, got protocol '${url.protocol}'`;
  return undefined;
}

/** Hosts that never leave the machine: plain http to them is fine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
