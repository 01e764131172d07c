import type { Diagnostic } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import type { ParamObject, ParamValue } from '@lateral/spec';

/** The dialect's limit on `<provider>.params.*` entries (reference §9.4, §12.3). */
export const MAX_PARAMS = 32;

/** The standard LLM parameters every text format maps to its own field names (reference §9.4). */
export type StandardParamName = 'temperature' | 'top_p' | 'top_k' | 'max_tokens' | 'stop';

/** Accepted spellings of each standard parameter, in lookup order (2024 implementation). */
export const STANDARD_PARAM_ALIASES: Readonly<Record<StandardParamName, readonly string[]>> = {
  temperature: ['temperature'],
  top_p: ['top_p', 'topp', 'max_p', 'maxp', 'p'],
  top_k: ['top_k', 'topk', 'max_k', 'maxk', 'k'],
  max_tokens: ['max_tokens', 'maxtokens', 'maxtokencount', 'maxtokenstosample', 'maxgenlen', 'maxoutputtokens'],
  stop: ['stop_sequences', 'stopsequences', 'stop'],
};

const STANDARD_NAMES = Object.keys(STANDARD_PARAM_ALIASES) as StandardParamName[];
const ALL_STANDARD_ALIASES = new Set(Object.values(STANDARD_PARAM_ALIASES).flat());

type ParamType = 'float' | 'int' | 'string' | 'bool' | 'csv';
const TYPE_SUFFIXES = new Set<ParamType>(['float', 'int', 'string', 'bool', 'csv']);

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseInteger(text: string): number | undefined {
  return INTEGER.test(text.trim()) ? Number(text.trim()) : undefined;
}

function parseFloatStrict(text: string): number | undefined {
  return FLOAT.test(text.trim()) ? Number(text.trim()) : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** CSV values split on commas after trimming the whole value, as the 2024 implementation does. */
function parseCsv(text: string): string[] {
  return text.trim().split(',');
}

function convert(type: ParamType, text: string): ParamValue | undefined {
  switch (type) {
    case 'int':
      return parseInteger(text);
    case 'float':
      return parseFloatStrict(text);
    case 'bool':
      return parseBoolean(text);
    case 'csv':
      return parseCsv(text);
    case 'string':
      return text;
  }
}

/** integer → float → boolean → string; CSV is never inferred. */
function infer(text: string): ParamValue {
  return parseInteger(text) ?? parseFloatStrict(text) ?? parseBoolean(text) ?? text;
}

/**
 * Splits a dotted parameter name into its path. A doubled dot (`a..b`) stands for a literal dot
 * inside one name, as in the 2024 implementation.
 */
function splitPath(name: string): string[] {
  const parts = name.split('.');
  for (let index = 1; index < parts.length - 1; index++) {
    if (parts[index] === '') {
      parts[index + 1] = `${parts[index - 1]}.${parts[index + 1]}`;
      parts[index - 1] = '';
    }
  }
  return parts.filter((part) => part !== '');
}

function invalid(key: string, raw: string): Diagnostic {
  return {
    code: 'LATERAL_ERR_OPTION_INVALID',
    message: `Invalid value for parameter ${key}: ${raw}`,
    option: `params.${key}`,
  };
}

function isParamObject(value: ParamValue | undefined): value is ParamObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Types `<provider>.params.*` entries (reference §9.4). `entries` keys are what follows
 * `params.`; a `.float`/`.int`/`.string`/`.bool`/`.csv` suffix fixes the type, otherwise it is
 * inferred (integer → float → boolean → string). Dotted names become nested objects. Problems are
 * returned as diagnostics so a CREATE MODEL can report all of them at once.
 */
export function parseParams(entries: Record<string, string>): { params: ParamObject; diagnostics: Diagnostic[] } {
  const params: ParamObject = {};
  const diagnostics: Diagnostic[] = [];
  const keys = Object.keys(entries);
  if (keys.length > MAX_PARAMS) {
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_PARAMS_LIMIT',
      message: `The maximum number of parameters you can set is ${MAX_PARAMS}; got ${keys.length}.`,
    });
  }
  for (const rawKey of keys) {
    const key = rawKey.toLowerCase();
    const raw = entries[rawKey]!;
    const segments = key.split('.');
    const suffix = segments.length > 1 ? (segments[segments.length - 1] as ParamType) : undefined;
    const typed = suffix !== undefined && TYPE_SUFFIXES.has(suffix);
    const name = typed ? key.slice(0, key.length - suffix.length - 1) : key;
    const value = typed ? convert(suffix, raw) : infer(raw);
    if (value === undefined) {
      diagnostics.push(invalid(key, raw));
      continue;
    }
    const path = splitPath(name);
    if (path.length === 0) {
      diagnostics.push(invalid(key, raw));
      continue;
    }
    const conflict = setPath(params, path, value);
    if (conflict) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        message: `Parameter ${path.join('.')} is set both as a value and as a group of nested parameters.`,
        option: `params.${key}`,
      });
    }
  }
  for (const standard of STANDARD_NAMES) {
    const found = findStandard(params, standard);
    if (found && readStandard(standard, found.value) === undefined) diagnostics.push(invalid(found.key, String(found.value)));
  }
  return { params, diagnostics };
}

/** Sets `value` at `path`; returns true when a value and a nested group collide. */
function setPath(target: ParamObject, path: string[], value: ParamValue): boolean {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const existing = node[segment];
    if (existing === undefined) {
      const child: ParamObject = {};
      node[segment] = child;
      node = child;
    } else if (isParamObject(existing)) {
      node = existing;
    } else {
      return true;
    }
  }
  const last = path[path.length - 1]!;
  if (isParamObject(node[last]) || (isParamObject(value) && node[last] !== undefined)) return true;
  node[last] = value;
  return false;
}

function findStandard(params: ParamObject, name: StandardParamName): { key: string; value: ParamValue } | undefined {
  for (const alias of STANDARD_PARAM_ALIASES[name]) {
    const value = params[alias];
    if (value !== undefined) return { key: alias, value };
  }
  return undefined;
}

/** Converts a standard parameter to its documented type; undefined when it does not fit. */
function readStandard(name: StandardParamName, value: ParamValue): number | string[] | undefined {
  if (name === 'stop') {
    if (Array.isArray(value)) return value;
    if (typeof value === 'string') return parseCsv(value);
    if (typeof value === 'number') return [String(value)];
    return undefined;
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' ? parseFloatStrict(value) : undefined;
  if (number === undefined || !Number.isFinite(number)) return undefined;
  if (name === 'max_tokens' && !Number.isInteger(number)) return undefined;
  return number;
}

/**
 * A standard LLM parameter under any of its accepted spellings (reference §9.4), converted to its
 * documented type: numbers for temperature/top_p/top_k/max_tokens, a string list for `stop`.
 */
export function standardParam(params: ParamObject, name: 'stop'): string[] | undefined;
export function standardParam(params: ParamObject, name: Exclude<StandardParamName, 'stop'>): number | undefined;
export function standardParam(params: ParamObject, name: StandardParamName): number | string[] | undefined;
export function standardParam(params: ParamObject, name: StandardParamName): number | string[] | undefined {
  const found = findStandard(params, name);
  if (!found) return undefined;
  const value = readStandard(name, found.value);
  if (value === undefined) {
    // parseParams reports this at CREATE MODEL time; reaching it here means validation was skipped.
    throw new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: `Invalid value for parameter ${found.key}: ${String(found.value)}` });
  }
  return value;
}

/** The parameters that are not standard ones: LLM formats pass them through into the request body. */
export function extraParams(params: ParamObject): ParamObject {
  const extra: ParamObject = {};
  for (const [key, value] of Object.entries(params)) if (!ALL_STANDARD_ALIASES.has(key)) extra[key] = value;
  return extra;
}
