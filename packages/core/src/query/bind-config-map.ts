import type { Expression, MapConstructor } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import { bindError } from '../expressions/expr-errors.js';
import { DEFAULT_INVOCATION_CONFIG, type InvocationConfig } from '../inference/inference-runtime.js';

type Literal = string | number | boolean;

interface ConfigKey {
  /** What a valid value looks like, for messages. */
  expects: string;
  apply(config: InvocationConfig, value: Literal): boolean;
}

function asBoolean(value: Literal): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function asNumber(value: Literal, allowSecondsSuffix = false): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = allowSecondsSuffix ? value.trim().replace(/s$/i, '') : value.trim();
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function booleanKey(set: (config: InvocationConfig, value: boolean) => void): ConfigKey {
  return {
    expects: 'true or false',
    apply(config, value) {
      const parsed = asBoolean(value);
      if (parsed === undefined) return false;
      set(config, parsed);
      return true;
    },
  };
}

function integerKey(min: number, set: (config: InvocationConfig, value: number) => void): ConfigKey {
  return {
    expects: min === 0 ? 'a whole number >= 0' : `a whole number >= ${min}`,
    apply(config, value) {
      const parsed = asNumber(value);
      if (parsed === undefined || !Number.isInteger(parsed) || parsed < min) return false;
      set(config, parsed);
      return true;
    },
  };
}

/**
 * The runtime configuration keys of ML_PREDICT / AI_COMPLETE / AI_EMBEDDING (reference §11.1) plus
 * Lateral's `ordered` and `max_batch_size`. Values may be typed literals or text ('true', '60').
 */
const CONFIG_KEYS: Record<string, ConfigKey> = {
  async_enabled: booleanKey((c, v) => (c.asyncEnabled = v)),
  client_timeout: {
    expects: 'a number of seconds > 0',
    apply(config, value) {
      const seconds = asNumber(value, true);
      if (seconds === undefined || seconds <= 0) return false;
      config.clientTimeoutMs = Math.round(seconds * 1000);
      return true;
    },
  },
  retry_count: integerKey(0, (c, v) => (c.retryCount = v)),
  max_parallelism: integerKey(1, (c, v) => (c.maxParallelism = v)),
  debug: booleanKey((c, v) => (c.debug = v)),
  ordered: booleanKey((c, v) => (c.ordered = v)),
  max_batch_size: integerKey(1, (c, v) => (c.maxBatchSize = v)),
};

const CONFIG_KEY_NAMES = Object.keys(CONFIG_KEYS);

function literalValue(expr: Expression): Literal | null | undefined {
  if (expr.type === 'literal') return expr.value;
  if (expr.type === 'unary' && expr.op === '-' && expr.operand.type === 'literal' && typeof expr.operand.value === 'number') {
    return -expr.operand.value;
  }
  return undefined;
}

/**
 * Reads the trailing MAP of an inference call into an InvocationConfig. Unknown keys, repeated
 * keys, non-literal entries and bad values fail with LATERAL_ERR_BIND_CONFIG at the MAP.
 * The client timeout defaults to the model's `<provider>.client_timeout`, else 30 s.
 */
export function bindInvocationConfig(map: MapConstructor | undefined, model: ResolvedModel, functionName: string): InvocationConfig {
  const config: InvocationConfig = {
    ...DEFAULT_INVOCATION_CONFIG,
    clientTimeoutMs: model.clientTimeoutMs ?? DEFAULT_INVOCATION_CONFIG.clientTimeoutMs,
  };
  if (!map) return config;
  const fail = (message: string, expected?: string[]): Error =>
    bindError('LATERAL_ERR_BIND_CONFIG', `Invalid ${functionName} configuration: ${message}`, map.location, expected);
  const seen = new Set<string>();
  for (const entry of map.entries) {
    const rawKey = literalValue(entry.key);
    if (typeof rawKey !== 'string') throw fail('keys must be string literals such as \'client_timeout\'');
    const key = rawKey.trim().toLowerCase();
    const spec = CONFIG_KEYS[key];
    if (!spec) throw fail(`unknown key '${rawKey}'; valid keys: ${CONFIG_KEY_NAMES.join(', ')}`, CONFIG_KEY_NAMES);
    if (seen.has(key)) throw fail(`key '${key}' is set twice`);
    seen.add(key);
    const value = literalValue(entry.value);
    if (value === undefined) throw fail(`the value of '${key}' must be a literal`);
    if (value === null || !spec.apply(config, value)) {
      throw fail(`'${key}' must be ${spec.expects}, got ${value === null ? 'NULL' : JSON.stringify(value)}`);
    }
  }
  return config;
}
