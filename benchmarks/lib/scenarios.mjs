// @ts-check
/**
 * The scenarios of the inference benchmark: the fake's settings, the rows, the runs (Lateral and
 * the baseline, against the same server in the same invocation) and the targets of the issue,
 * evaluated as ratios. `quick` sizes are for smoke runs; the default sizes keep the whole run
 * under ten minutes on a 2-core machine (see docs/benchmarks.md for the reasoning).
 *
 * @typedef {{ id: string, runner: 'lateral' | 'baseline', rows: number, execution?: string }} RunSpec
 * @typedef {{ name: string, target: string, value: number | null, pass: boolean }} TargetResult
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} description
 * @property {'chat' | 'embeddings'} kind
 * @property {number} parallelism max_parallelism for Lateral, p-limit concurrency for the baseline
 * @property {Record<string, unknown>} fake settings for POST /__reset
 * @property {number} [requestsPerMinute] declared to Lateral on the connection
 * @property {Record<string, string | number>} [config] more keys of Lateral's ML_PREDICT MAP (e.g. client_timeout)
 * @property {RunSpec[]} runs
 * @property {(runs: Record<string, any>) => TargetResult[]} targets
 */

/** @param {number} value @param {number} digits */
const round = (value, digits = 3) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);
/** @returns {TargetResult} */
const target = (name, text, value, pass) => ({ name, target: text, value: value === null || value === undefined ? null : round(value), pass: Boolean(pass) });
/**
 * Max RSS in the last third of a run over the max in its middle third (1 = flat). The first third
 * is left out: it holds the process's start-up, when RSS climbs whatever the row count.
 */
const plateau = (profile) => {
  if (!profile || profile.length < 3) return null;
  const third = Math.floor(profile.length / 3);
  return Math.max(...profile.slice(profile.length - third)) / Math.max(...profile.slice(third, profile.length - third));
};
const complete = (run) => run && run.exitCode === 0 && run.missing === 0 && run.duplicated === 0;

/**
 * @param {{ quick: boolean }} options
 * @returns {Scenario[]}
 */
export function scenarios({ quick }) {
  const size = (full, small) => (quick ? small : full);
  const rate = 200;
  // One second of requests: OpenAI documents that per-minute limits may be enforced over shorter
  // periods; the headers describe this bucket (limit = capacity, reset = time until full).
  const burst = rate;
  /** Accepted requests per second after the first second (when a full bucket lets a burst through). */
  const steadyRate = (run) => run.serverSteadyOkPerSecond;
  const chatRows = size(20_000, 2_000);
  const rateRows = size(4_000, 800);
  const stormMs = size(10_000, 3_000);
  const lowRate = 0.5;
  const lowRows = size(16, 6);
  const embeddingRows = size(100_000, 10_000);
  const overheadRows = size(100_000, 5_000);
  const memoryRows = size(1_000_000, 100_000);

  return [
    {
      name: 'chat-latency',
      description: `latency-bound chat: ${chatRows} rows, 50 ms server latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      fake: { latencyMs: 50 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: chatRows },
        { id: 'baseline', runner: 'baseline', rows: chatRows },
      ],
      targets: ({ lateral, baseline }) => {
        const ideal = 64 / 0.05;
        return [
          target('ideal-rate', '>= 0.9 of parallelism / latency (server-side rows/s)', lateral.serverRowsPerSecond / ideal, lateral.serverRowsPerSecond / ideal >= 0.9 && complete(lateral)),
          target('vs-baseline', '>= 1.0x baseline rows/s (wall clock)', lateral.rowsPerSecond / baseline.rowsPerSecond, lateral.rowsPerSecond >= baseline.rowsPerSecond && complete(lateral)),
        ];
      },
    },
    {
      name: 'rate-limit-declared',
      description: `rate-limited chat: server allows ${rate} req/s (token bucket, burst ${burst}), R declared as requests-per-minute; ${rateRows} rows, 20 ms latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      requestsPerMinute: rate * 60,
      fake: { latencyMs: 20, rate, burst, warmupMs: 1000 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: rateRows },
        { id: 'baseline', runner: 'baseline', rows: rateRows },
      ],
      targets: ({ lateral }) => [
        target('achieved-rate', `>= 0.95 R (R = ${rate} req/s; requests accepted per second after the first second, server-side)`, steadyRate(lateral) / rate, steadyRate(lateral) >= 0.95 * rate),
        target('429-share', '< 1% of requests answered 429', lateral.http429Share, lateral.http429Share < 0.01),
        target('no-row-lost', 'every row exactly once', lateral.missing + lateral.duplicated, complete(lateral)),
      ],
    },
    {
      name: 'rate-limit-undeclared',
      description: `rate-limited chat: server allows ${rate} req/s, nothing declared (Lateral adapts from 429s and x-ratelimit-* headers); ${rateRows} rows, 20 ms latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      fake: { latencyMs: 20, rate, burst, warmupMs: 1000 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: rateRows },
        { id: 'baseline', runner: 'baseline', rows: rateRows },
      ],
      targets: ({ lateral }) => [
        target('achieved-rate', `>= 0.85 R (R = ${rate} req/s; as above)`, steadyRate(lateral) / rate, steadyRate(lateral) >= 0.85 * rate),
        target('no-row-lost', 'every row exactly once', lateral.missing + lateral.duplicated, complete(lateral)),
      ],
    },
    {
      name: 'rate-limit-undeclared-429-only',
      description: `rate-limited chat: server allows ${rate} req/s, nothing declared and no x-ratelimit-* headers (a 429 is the only signal, as behind many OpenAI-compatible proxies); ${rateRows} rows, 20 ms latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      fake: { latencyMs: 20, rate, burst, warmupMs: 1000, rateHeaders: 0 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: rateRows },
        { id: 'baseline', runner: 'baseline', rows: rateRows },
      ],
      targets: ({ lateral }) => [
        target('achieved-rate', `>= 0.85 R (R = ${rate} req/s; as above)`, steadyRate(lateral) / rate, steadyRate(lateral) >= 0.85 * rate),
        target('no-row-lost', 'every row exactly once', lateral.missing + lateral.duplicated, complete(lateral)),
      ],
    },
    {
      name: 'rate-limit-storm',
      description: `a storm of 429s: for the first ${stormMs / 1000} s the server refuses 90% of requests (retry-after 1 s) whatever its bucket holds, then allows ${rate} req/s; nothing declared; ${rateRows} rows, 20 ms latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      // The steady rate counts from the end of the storm: it includes the recovery.
      fake: { latencyMs: 20, rate, burst, retryAfter: 's', stormMs, stormShare: 0.9, warmupMs: stormMs },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: rateRows },
        { id: 'baseline', runner: 'baseline', rows: rateRows },
      ],
      targets: ({ lateral }) => [
        target('rate-after-storm', `>= 0.6 R after the storm, recovery included (R = ${rate} req/s; requests accepted per second after ${stormMs / 1000} s, server-side)`, steadyRate(lateral) / rate, steadyRate(lateral) >= 0.6 * rate),
        target('no-row-lost', 'every row exactly once', lateral.missing + lateral.duplicated, complete(lateral)),
      ],
    },
    {
      name: 'rate-limit-low-undeclared',
      description: `an undeclared low limit: ${lowRate * 60} requests/min (burst 1), 429s with retry-after only, client_timeout 5 s; ${lowRows} rows, parallelism 10 (Lateral only: the point is that the job slows down instead of failing)`,
      kind: 'chat',
      parallelism: 10,
      config: { client_timeout: 5 },
      fake: { latencyMs: 20, rate: lowRate, burst: 1, retryAfter: 's', rateHeaders: 0 },
      runs: [{ id: 'lateral', runner: 'lateral', rows: lowRows }],
      targets: ({ lateral }) => [
        target('no-row-lost', 'the job succeeds with every row exactly once', lateral.missing + lateral.duplicated, complete(lateral)),
        target('achieved-rate', `>= 0.7 R (R = ${lowRate * 60} req/min; wall clock, after the burst of 1)`, (lateral.rows - 1) / lateral.seconds / lowRate, (lateral.rows - 1) / lateral.seconds >= 0.7 * lowRate),
      ],
    },
    {
      name: 'embeddings',
      description: `embeddings: ${embeddingRows} rows (baseline: the first ${size(20_000, 2_000)}, one request per row), 50 ms + 20 µs/row latency, parallelism 64`,
      kind: 'embeddings',
      parallelism: 64,
      fake: { latencyMs: 50, perRowUs: 20 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: embeddingRows },
        { id: 'baseline', runner: 'baseline', rows: size(20_000, 2_000) },
      ],
      targets: ({ lateral, baseline }) => [
        target('rows-per-request', '>= 100 rows per request on average', lateral.rowsPerRequest, lateral.rowsPerRequest >= 100),
        target('vs-baseline', '>= 20x baseline rows/s', lateral.rowsPerSecond / baseline.rowsPerSecond, lateral.rowsPerSecond >= 20 * baseline.rowsPerSecond && complete(lateral)),
      ],
    },
    {
      name: 'engine-overhead',
      description: `engine overhead: ${overheadRows} chat rows, 0 ms latency, parallelism 64 (one request per row on both sides)`,
      kind: 'chat',
      parallelism: 64,
      fake: { latencyMs: 0 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: overheadRows },
        { id: 'lateral-in-process', runner: 'lateral', rows: overheadRows, execution: 'in-process' },
        { id: 'baseline', runner: 'baseline', rows: overheadRows },
      ],
      targets: ({ lateral, baseline, 'lateral-in-process': inProcess }) => [
        target('cpu-per-row', "CPU time per row <= baseline's (default execution)", lateral.cpuUsPerRow / baseline.cpuUsPerRow, lateral.cpuUsPerRow <= baseline.cpuUsPerRow && complete(lateral)),
        target('cpu-per-row-in-process', "CPU time per row <= baseline's (--execution in-process)", inProcess.cpuUsPerRow / baseline.cpuUsPerRow, inProcess.cpuUsPerRow <= baseline.cpuUsPerRow && complete(inProcess)),
      ],
    },
    {
      name: 'memory',
      description: `memory: ${memoryRows} rows file -> ML_PREDICT (embeddings, 8 dimensions, 0 ms, default max_parallelism 10) -> file; also ${memoryRows / 4} rows to see growth (baseline: ${size(50_000, 10_000)} rows)`,
      kind: 'embeddings',
      parallelism: 10,
      fake: { latencyMs: 0 },
      runs: [
        { id: 'lateral-quarter', runner: 'lateral', rows: memoryRows / 4 },
        { id: 'lateral', runner: 'lateral', rows: memoryRows },
        { id: 'baseline', runner: 'baseline', rows: size(50_000, 10_000) },
      ],
      targets: ({ lateral, 'lateral-quarter': quarter }) => [
        target('peak-rss', 'peak RSS < 300 MB (MB)', lateral.peakRssMb, lateral.peakRssMb < 300 && complete(lateral)),
        target('rss-plateau', 'RSS not growing: max RSS in the last third of the N-row run <= 1.1x the max in its middle third (ratio)', plateau(lateral.rssProfileMb), (plateau(lateral.rssProfileMb) ?? Infinity) <= 1.1),
        { ...target('rss-vs-quarter', 'information: peak RSS at N rows / peak at N/4 rows', lateral.peakRssMb / quarter.peakRssMb, true), informational: true },
      ],
    },
    {
      name: 'faults',
      description: `faults: 5% of requests answer 500/503 (seeded); ${size(10_000, 1_000)} chat rows, 10 ms latency, parallelism 64`,
      kind: 'chat',
      parallelism: 64,
      fake: { latencyMs: 10, faultRate: 0.05, seed: 7 },
      runs: [
        { id: 'lateral', runner: 'lateral', rows: size(10_000, 1_000) },
        { id: 'baseline', runner: 'baseline', rows: size(10_000, 1_000) },
      ],
      targets: ({ lateral }) => [
        target('exactly-once', 'every row present exactly once in the output (missing + duplicated)', lateral.missing + lateral.duplicated, complete(lateral)),
      ],
    },
  ];
}
