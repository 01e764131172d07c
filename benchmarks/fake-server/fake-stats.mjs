// @ts-check
/**
 * What the benchmark fake counts between two resets: requests by outcome, the highest and the mean number of
 * requests in flight at once, rows per embeddings request, the time window in which requests were
 * served, and how many times each row id was answered successfully (a multiset, so a row sent
 * twice — wasted work, or a duplicate in the making — shows up). Row ids are read from the text:
 * benchmark inputs carry `#<id>` (see benchmarks/lib/bench-data.mjs).
 */

const ROW_ID = /#(\d+)\b/;

/**
 * @param {number} [warmupMs] replies in the first `warmupMs` after the first request are left out
 *   of the steady rate (`steadyOkPerSecond`): a full token bucket lets a burst through at the start.
 */
export function createStats(warmupMs = 0) {
  let counts = new Uint16Array(1024);
  const stats = {
    requests: 0,
    ok: 0,
    http429: 0,
    faults: 0,
    authFailures: 0,
    badRequests: 0,
    /** @type {Record<string, number>} */
    byStatus: {},
    inFlight: 0,
    maxConcurrency: 0,
    /** integral of inFlight over time (request-ms), for the mean concurrency over the window */
    concurrencyArea: 0,
    lastChangeAt: 0,
    chatRequests: 0,
    embeddingRequests: 0,
    /** inputs of successful embeddings requests */
    embeddingRows: 0,
    minRowsPerRequest: Infinity,
    maxRowsPerRequest: 0,
    /** ms (performance.now) of the first request and of the last successful reply */
    firstRequestAt: 0,
    lastReplyAt: 0,
    /** successful replies after the warm-up, and when the last one was sent */
    steadyOk: 0,
    idsAnswered: 0,
    distinctIds: 0,
    duplicatedIds: 0,
    /** @type {number[]} */
    duplicateSample: [],
    /** per second since the first request: successful replies and 429s */
    /** @type {number[]} */
    okTimeline: [],
    /** @type {number[]} */
    http429Timeline: [],
  };

  /** @param {number[]} timeline */
  function tick(timeline) {
    const second = Math.floor((performance.now() - stats.firstRequestAt) / 1000);
    while (timeline.length <= second) timeline.push(0);
    timeline[second] = (timeline[second] ?? 0) + 1;
  }

  /** @param {string} text */
  function noteRow(text) {
    const match = ROW_ID.exec(text);
    if (!match) return;
    const id = Number(match[1]);
    if (id >= counts.length) {
      let size = counts.length;
      while (size <= id) size *= 2;
      const grown = new Uint16Array(size);
      grown.set(counts);
      counts = grown;
    }
    const seen = counts[id] ?? 0;
    if (seen < 65535) counts[id] = seen + 1;
    stats.idsAnswered += 1;
    if (seen === 0) stats.distinctIds += 1;
    if (seen === 1) {
      stats.duplicatedIds += 1;
      if (stats.duplicateSample.length < 20) stats.duplicateSample.push(id);
    }
  }

  /** Accumulates the in-flight area up to now (called before every change of inFlight). */
  function integrate() {
    const now = performance.now();
    if (stats.lastChangeAt > 0) stats.concurrencyArea += stats.inFlight * (now - stats.lastChangeAt);
    stats.lastChangeAt = now;
  }

  return {
    begin() {
      if (stats.requests === 0) stats.firstRequestAt = performance.now();
      integrate();
      stats.requests += 1;
      stats.inFlight += 1;
      if (stats.inFlight > stats.maxConcurrency) stats.maxConcurrency = stats.inFlight;
    },
    /** @param {number} status */
    end(status) {
      integrate();
      stats.inFlight -= 1;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      if (status === 200) {
        stats.ok += 1;
        stats.lastReplyAt = performance.now();
        if (stats.lastReplyAt >= stats.firstRequestAt + warmupMs) stats.steadyOk += 1;
        tick(stats.okTimeline);
      }
    },
    rateLimited() {
      stats.http429 += 1;
      tick(stats.http429Timeline);
    },
    fault() {
      stats.faults += 1;
    },
    authFailure() {
      stats.authFailures += 1;
    },
    badRequest() {
      stats.badRequests += 1;
    },
    /** @param {string} text */
    answeredChat(text) {
      stats.chatRequests += 1;
      noteRow(text);
    },
    /** @param {string[]} texts */
    answeredEmbeddings(texts) {
      stats.embeddingRequests += 1;
      stats.embeddingRows += texts.length;
      if (texts.length < stats.minRowsPerRequest) stats.minRowsPerRequest = texts.length;
      if (texts.length > stats.maxRowsPerRequest) stats.maxRowsPerRequest = texts.length;
      for (const text of texts) noteRow(text);
    },
    snapshot() {
      const windowMs = stats.requests > 0 && stats.lastReplyAt > 0 ? stats.lastReplyAt - stats.firstRequestAt : 0;
      const { firstRequestAt: _first, lastReplyAt: _last, lastChangeAt: _change, concurrencyArea, minRowsPerRequest, ...rest } = stats;
      return {
        ...rest,
        minRowsPerRequest: stats.embeddingRequests > 0 ? minRowsPerRequest : 0,
        rowsPerRequest: stats.embeddingRequests > 0 ? stats.embeddingRows / stats.embeddingRequests : stats.chatRequests > 0 ? 1 : 0,
        windowSeconds: windowMs / 1000,
        meanConcurrency: windowMs > 0 ? concurrencyArea / windowMs : 0,
        okPerSecond: windowMs > 0 ? stats.ok / (windowMs / 1000) : 0,
        warmupSeconds: warmupMs / 1000,
        steadyOkPerSecond: windowMs > warmupMs ? stats.steadyOk / ((windowMs - warmupMs) / 1000) : 0,
      };
    },
    /** Ids answered 0 times among 0..n-1, and ids answered more than once (up to `limit` of each). */
    idReport(n, limit = 20) {
      const missing = [];
      let missingCount = 0;
      for (let id = 0; id < n; id += 1) {
        if ((counts[id] ?? 0) === 0) {
          missingCount += 1;
          if (missing.length < limit) missing.push(id);
        }
      }
      return { checked: n, missingCount, missing, duplicatedIds: stats.duplicatedIds, duplicates: stats.duplicateSample.slice(0, limit) };
    },
  };
}
