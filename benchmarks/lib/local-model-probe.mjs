// @ts-check
/**
 * One measurement of a built-in local model, run in a fresh process by benchmarks/local-models.mjs
 * (which also reads this process's CPU and peak RSS). Prints one JSON object on stdout.
 *
 *   node local-model-probe.mjs convert          first use: GloVe JSON -> binary cache (LATERAL_HOME)
 *   node local-model-probe.mjs glove-load       import + GloveEmbeddingModel.load() with a warm cache
 *   node local-model-probe.mjs glove-embed N    embed N short rows on this one thread
 *   node local-model-probe.mjs sentiment N      label N short rows (the built-in chat model's path)
 */
import { rowText } from './bench-data.mjs';

const processStartToScriptMs = performance.now();
const [mode, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 0);
const dist = new URL('../../packages/provider-local/dist/', import.meta.url);
const texts = Array.from({ length: rows }, (_, id) => rowText(id));

/** @param {Record<string, unknown>} result */
const print = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);

if (mode === 'convert') {
  const { ensureGloveBinary } = await import(new URL('index.js', dist).href);
  const t0 = performance.now();
  ensureGloveBinary();
  print({ convertMs: performance.now() - t0 });
} else if (mode === 'glove-load') {
  const t0 = performance.now();
  const { GloveEmbeddingModel } = await import(new URL('index.js', dist).href);
  const t1 = performance.now();
  const model = GloveEmbeddingModel.load();
  const t2 = performance.now();
  print({
    importMs: t1 - t0,
    loadMs: t2 - t1,
    importAndLoadMs: t2 - t0,
    sinceProcessStartMs: t2,
    nodeBootMs: processStartToScriptMs,
    dimensions: model.dimensions,
    rssAfterLoadMb: process.memoryUsage().rss / 1048576,
  });
} else if (mode === 'glove-embed') {
  const { GloveEmbeddingModel } = await import(new URL('index.js', dist).href);
  const model = GloveEmbeddingModel.load();
  const t0 = performance.now();
  let check = 0;
  for (const text of texts) check += model.embed(text)[0] ?? 0;
  const ms = performance.now() - t0;
  print({ rows, ms, rowsPerSecond: (rows * 1000) / ms, check });
} else if (mode === 'sentiment') {
  const { loadSentimentChat } = await import(new URL('models/builtin-models.js', dist).href);
  const t0 = performance.now();
  const model = loadSentimentChat();
  const t1 = performance.now();
  const systemPrompt = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.';
  /** @type {Record<string, number>} */
  const counts = {};
  for (const prompt of texts) {
    const label = await model.complete({ systemPrompt, prompt, params: {} });
    counts[label] = (counts[label] ?? 0) + 1;
  }
  const ms = performance.now() - t1;
  print({ rows, loadMs: t1 - t0, ms, rowsPerSecond: (rows * 1000) / ms, counts });
} else {
  process.stderr.write(`unknown mode '${mode}'\n`);
  process.exit(2);
}
