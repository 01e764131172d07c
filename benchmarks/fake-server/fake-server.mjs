#!/usr/bin/env node
// @ts-check
/**
 * The benchmark's OpenAI-compatible fake provider: `POST /v1/chat/completions` and
 * `POST /v1/embeddings`, run as its own process (plain node:http, nothing to compile) so the
 * client under test and the server do not share an event loop. It checks auth and body shape like
 * the real API, adds latency, enforces a token-bucket rate limit answering 429 with OpenAI's
 * headers and error body, injects retryable faults deterministically, and counts.
 *
 *   node benchmarks/fake-server/fake-server.mjs --latency-ms 50 --rate 200 --fault-rate 0.05
 *   → prints {"url":"http://127.0.0.1:PORT"} on stdout once listening
 *
 * Control endpoints: `GET /__stats[?ids=N]` (counters; with ids=N also which of the row ids
 * 0..N-1 were never answered), `POST /__reset` (clears counters, refills the bucket, re-seeds;
 * a JSON body sets settings over the command line's, so one scenario's never leak into the next), `GET /__config`.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { configFromCommandLine, mergeConfig } from './fake-config.mjs';
import { PROBLEMS, chatBody, checkChat, checkEmbeddings, embeddingsBody, errorBody } from './fake-openai-protocol.mjs';
import { seededRandom } from './fake-random.mjs';
import { createStats } from './fake-stats.mjs';
import { createTokenBucket, goDuration } from './fake-token-bucket.mjs';

/**
 * @param {import('./fake-config.mjs').FakeConfig} initial
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startBenchFake(initial) {
  let config = initial;
  /** @type {ReturnType<typeof createStats>} */
  let stats;
  /** @type {ReturnType<typeof createTokenBucket> | undefined} */
  let bucket;
  /** @type {() => number} */
  let faultDraw;
  /** @type {() => number} */
  let jitterDraw;
  /** @type {() => number} */
  let stormDraw;
  /** @type {number | undefined} */
  let firstRequestAt;
  let sequence = 0;

  function reset() {
    stats = createStats(config.warmupMs);
    bucket = config.rate > 0 ? createTokenBucket({ ratePerSecond: config.rate, burst: config.burst || undefined }) : undefined;
    faultDraw = seededRandom(config.seed);
    jitterDraw = seededRandom(config.seed ^ 0x9e3779b9);
    stormDraw = seededRandom(config.seed ^ 0x5bd1e995);
    firstRequestAt = undefined;
    sequence = 0;
  }
  reset();

  /** Headers every protocol reply carries, as OpenAI sends them. */
  function commonHeaders(decision) {
    const headers = { 'x-request-id': `req_bench_${sequence}`, 'openai-processing-ms': String(Math.round(config.latencyMs)), 'openai-version': '2020-10-01' };
    if (!decision || !config.rateHeaders) return headers;
    return {
      ...headers,
      'x-ratelimit-limit-requests': String(decision.limit),
      'x-ratelimit-remaining-requests': String(decision.remaining),
      'x-ratelimit-reset-requests': goDuration(decision.allowed ? decision.resetMs : decision.nextTokenMs),
      'x-ratelimit-limit-tokens': '10000000',
      'x-ratelimit-remaining-tokens': '9999000',
      'x-ratelimit-reset-tokens': '6ms',
    };
  }

  function latencyFor(rows) {
    let ms = config.latencyMs + (rows * config.perRowUs) / 1000;
    if (config.jitterMs > 0) ms += (jitterDraw() * 2 - 1) * config.jitterMs;
    return Math.max(0, ms);
  }

  /** @param {import('node:http').ServerResponse} res */
  function send(res, status, body, headers, delayMs = 0) {
    const payload = JSON.stringify(body);
    const write = () => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
      res.end(payload);
      stats.end(status);
    };
    if (delayMs > 0) setTimeout(write, delayMs);
    else write();
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {Buffer} raw
   */
  function handleApi(req, res, path, raw) {
    stats.begin();
    sequence += 1;
    const kind = path === '/v1/chat/completions' ? 'chat' : path === '/v1/embeddings' ? 'embeddings' : undefined;
    const fail = (p, headers = {}, delayMs = 0) => send(res, p.status, errorBody(p), { ...commonHeaders(undefined), ...headers }, delayMs);
    if (!kind) return fail(PROBLEMS.notFound(req.method ?? 'GET', path));
    if (req.method !== 'POST') return fail({ ...PROBLEMS.notFound(req.method ?? 'GET', path), status: 405 });

    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return stats.authFailure(), fail(PROBLEMS.noKey);
    const key = (match[1] ?? '').trim();
    if (key !== config.apiKey) return stats.authFailure(), fail(PROBLEMS.wrongKey(key));

    // A storm of 429s (an outage, another job on the same key): refused whatever the bucket holds.
    firstRequestAt ??= performance.now();
    if (config.stormMs > 0 && performance.now() - firstRequestAt < config.stormMs && stormDraw() < config.stormShare) {
      stats.rateLimited();
      const retryMs = 1000;
      const hints = {};
      if (config.retryAfter === 's' || config.retryAfter === 'both') hints['retry-after'] = '1';
      if (config.retryAfter === 'ms' || config.retryAfter === 'both') hints['retry-after-ms'] = String(retryMs);
      return fail(PROBLEMS.rateLimited(bucket ? Math.round(config.rate) : 10_000, retryMs, goDuration), { ...commonHeaders(undefined), ...hints });
    }

    const decision = bucket?.take();
    if (decision && !decision.allowed) {
      // The real service answers a rate-limited request at once, without doing the work.
      stats.rateLimited();
      const hints = {};
      if (config.retryAfter === 's' || config.retryAfter === 'both') hints['retry-after'] = String(Math.max(1, Math.ceil(decision.nextTokenMs / 1000)));
      if (config.retryAfter === 'ms' || config.retryAfter === 'both') hints['retry-after-ms'] = String(Math.max(1, decision.nextTokenMs));
      return fail(PROBLEMS.rateLimited(decision.limit, decision.nextTokenMs, goDuration), { ...commonHeaders(decision), ...hints });
    }

    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return stats.badRequest(), fail(PROBLEMS.notJson);
    let body;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = undefined;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return stats.badRequest(), fail(PROBLEMS.notJson);

    const checked = kind === 'chat' ? checkChat(body) : checkEmbeddings(body);
    if (typeof checked === 'object' && !Array.isArray(checked)) return stats.badRequest(), fail(checked, commonHeaders(decision));
    const rows = Array.isArray(checked) ? checked.length : 1;

    // One draw per request in arrival order: the same seed gives the same number of faults.
    if (config.faultRate > 0 && faultDraw() < config.faultRate) {
      stats.fault();
      const statuses = config.faultStatuses;
      const status = statuses[Math.floor(faultDraw() * statuses.length)] ?? 500;
      return fail(status === 503 ? PROBLEMS.overloaded : { ...PROBLEMS.serverError, status }, commonHeaders(decision), latencyFor(rows));
    }

    if (kind === 'chat') {
      const text = /** @type {string} */ (checked);
      stats.answeredChat(text);
      return send(res, 200, chatBody(text, String(body.model), sequence), commonHeaders(decision), latencyFor(1));
    }
    const texts = /** @type {string[]} */ (checked);
    stats.answeredEmbeddings(texts);
    return send(res, 200, embeddingsBody(texts, body, config.dimensions), commonHeaders(decision), latencyFor(rows));
  }

  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks);
      if (url.pathname === '/__stats') {
        const ids = Number(url.searchParams.get('ids') ?? 0);
        const snapshot = { ...stats.snapshot(), ...(ids > 0 ? { ids: stats.idReport(ids) } : {}) };
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(snapshot));
      }
      if (url.pathname === '/__config') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...config, apiKey: undefined }));
      if (url.pathname === '/__reset' && req.method === 'POST') {
        try {
          config = mergeConfig(initial, raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {});
        } catch (error) {
          return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
        }
        reset();
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...config, apiKey: undefined }));
      }
      handleApi(req, res, url.pathname, raw);
    });
  });
  // Clients keep connections alive for the whole run; the defaults would close idle ones early.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.maxRequestsPerSocket = 0;
  await new Promise((resolve) => server.listen(config.port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let config;
  try {
    config = configFromCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`fake-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const fake = await startBenchFake(config);
  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
