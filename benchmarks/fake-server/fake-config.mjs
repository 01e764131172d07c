// @ts-check
/**
 * The fake's settings, from command-line flags (`--latency-ms 50`) or environment variables
 * (`BENCH_FAKE_LATENCY_MS=50`); flags win. `POST /__reset` with a JSON body of the same keys in
 * camelCase changes them between scenarios without restarting the process.
 *
 * @typedef {object} FakeConfig
 * @property {number} port 0 = a free port
 * @property {string} apiKey the only key accepted (`Authorization: Bearer <key>`)
 * @property {number} latencyMs added to every answered request (successes and faults)
 * @property {number} jitterMs latency is uniform in [latency - jitter, latency + jitter]
 * @property {number} perRowUs extra latency per embeddings input, in microseconds
 * @property {number} rate requests per second the token bucket allows (0 = unlimited)
 * @property {number} burst bucket capacity (0 = a tenth of a second of `rate`, at least 1)
 * @property {'none'|'s'|'ms'|'both'} retryAfter which retry hints a 429 carries besides x-ratelimit-*
 * @property {number} faultRate share of requests (0..1) answered with a retryable 5xx
 * @property {number[]} faultStatuses statuses a fault answers with, drawn at random
 * @property {number} seed seeds fault and jitter draws
 * @property {number} dimensions vector size when the request has no `dimensions`
 * @property {number} rateHeaders 1: replies carry x-ratelimit-* (as OpenAI's do); 0: a 429 is the only signal
 * @property {number} warmupMs replies in the first warmupMs are left out of /__stats' steadyOkPerSecond
 * @property {number} stormMs for this long after the first request, a `stormShare` of requests is answered 429 whatever the bucket holds (0 = no storm)
 * @property {number} stormShare share (0..1) of requests refused during the storm (seeded draws)
 */

/** @type {FakeConfig} */
export const DEFAULT_CONFIG = {
  port: 0,
  apiKey: 'sk-bench-0123456789abcdef',
  latencyMs: 0,
  jitterMs: 0,
  perRowUs: 0,
  rate: 0,
  burst: 0,
  retryAfter: 'none',
  faultRate: 0,
  faultStatuses: [500, 503],
  seed: 42,
  dimensions: 8,
  rateHeaders: 1,
  warmupMs: 0,
  stormMs: 0,
  stormShare: 0.9,
};

const RETRY_AFTER = ['none', 's', 'ms', 'both'];

/** @param {string} key */
const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * @param {FakeConfig} base
 * @param {Record<string, unknown>} overrides raw values (strings from flags/env, or JSON values)
 * @returns {FakeConfig}
 */
export function mergeConfig(base, overrides) {
  /** @type {Record<string, unknown>} */
  const next = { ...base };
  for (const [key, raw] of Object.entries(overrides)) {
    if (raw === undefined) continue;
    if (!(key in DEFAULT_CONFIG)) throw new Error(`unknown fake setting '${kebab(key)}'`);
    if (key === 'apiKey') next[key] = String(raw);
    else if (key === 'retryAfter') {
      if (!RETRY_AFTER.includes(String(raw))) throw new Error(`--retry-after must be one of ${RETRY_AFTER.join(', ')}`);
      next[key] = String(raw);
    } else if (key === 'faultStatuses') {
      next[key] = (Array.isArray(raw) ? raw : String(raw).split(',')).map(Number);
    } else {
      const number = Number(raw);
      if (!Number.isFinite(number) || number < 0) throw new Error(`--${kebab(key)} must be a number >= 0, got '${String(raw)}'`);
      next[key] = number;
    }
  }
  const config = /** @type {FakeConfig} */ (next);
  if (config.faultRate > 1) throw new Error('--fault-rate is a share between 0 and 1');
  if (config.stormShare > 1) throw new Error('--storm-share is a share between 0 and 1');
  return config;
}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
export function configFromCommandLine(argv, env) {
  /** @type {Record<string, unknown>} */
  const raw = {};
  for (const key of Object.keys(DEFAULT_CONFIG)) {
    const value = env[`BENCH_FAKE_${kebab(key).replace(/-/g, '_').toUpperCase()}`];
    if (value !== undefined) raw[key] = value;
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const key = (name ?? '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    raw[key] = inline ?? argv[++i];
  }
  return mergeConfig(DEFAULT_CONFIG, raw);
}
