#!/usr/bin/env node
// @ts-check
/**
 * Benchmarks of the built-in local models (`glove-100d` embeddings, `sentiment-en` labels), each
 * measurement in a fresh process: the GloVe conversion on first use (reported apart), load time
 * and RSS with a warm cache, rows/s at model level on one thread, and rows/s end to end through
 * the CLI (file -> ML_PREDICT -> file). Run alone (`node benchmarks/local-models.mjs [--quick]`)
 * or from run-all.mjs.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInputFile, verifyOutput } from './lib/bench-data.mjs';
import { runMeasured } from './lib/measured-run.mjs';
import { CLI_BIN, REPO_ROOT } from './lib/scenario-runner.mjs';

const PROBE = fileURLToPath(new URL('./lib/local-model-probe.mjs', import.meta.url));
const round = (value, digits = 1) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : (value ?? null));

/** @param {string[]} args @param {string} home @param {string} workDir */
async function probe(args, home, workDir) {
  const run = await runMeasured([PROBE, ...args], { cwd: REPO_ROOT, workDir, env: { LATERAL_HOME: home }, keepStdout: true });
  if (run.code !== 0) throw new Error(`probe ${args.join(' ')} failed (${run.code}): ${run.stderrTail}`);
  return { ...JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}'), peakRssMb: run.peakRssMb, cpuMs: run.cpuMs, wallSeconds: run.wallSeconds };
}

/**
 * @param {string} model built-in model name
 * @param {number} rows
 * @param {{ home: string, workDir: string }} where
 * @param {string} [execution] --execution for the CLI (default: the CLI's own default, auto)
 */
async function endToEnd(model, rows, where, execution) {
  const embedding = model === 'glove-100d';
  const input = await ensureInputFile(where.workDir, rows);
  const output = join(where.workDir, `out-local-${model}.ndjson`);
  rmSync(output, { force: true });
  const dataDir = mkdtempSync(join(where.workDir, 'data-local-'));
  // Reuse the converted model: a fresh data dir would otherwise convert again on first use.
  symlinkSync(join(where.home, 'model-cache'), join(dataDir, 'model-cache'));
  const sql = join(where.workDir, `local-${model}.sql`);
  writeFileSync(
    sql,
    `CREATE MODEL m INPUT (text STRING) OUTPUT (${embedding ? 'embedding ARRAY<FLOAT>' : 'label STRING'})
  WITH ('provider' = 'local', 'task' = '${embedding ? 'embedding' : 'classification'}', 'local.model' = '${model}'${embedding ? '' : ", 'local.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.'"});
CREATE TABLE src (id BIGINT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${input}', 'format' = 'json');
CREATE TABLE dst (id BIGINT, ${embedding ? 'embedding ARRAY<FLOAT>' : 'label STRING'}) WITH ('connector' = 'filesystem', 'path' = '${output}', 'format' = 'json');
INSERT INTO dst SELECT id, ${embedding ? 'embedding' : 'label'} FROM src, LATERAL TABLE(ML_PREDICT('m', text));
`,
  );
  const args = [CLI_BIN, 'run', sql, '--data-dir', dataDir, '--format', 'ndjson', '--no-progress', ...(execution ? ['--execution', execution] : [])];
  const run = await runMeasured(args, { cwd: REPO_ROOT, workDir: where.workDir });
  const checked = await verifyOutput(output, rows, embedding ? 'embedding' : 'label');
  rmSync(output, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  return {
    rows,
    execution: execution ?? 'auto',
    exitCode: run.code,
    seconds: round(run.wallSeconds, 3),
    rowsPerSecond: round(checked.rows / run.wallSeconds),
    cpuUsPerRow: run.cpuMs === undefined ? null : round((run.cpuMs * 1000) / rows),
    peakRssMb: run.peakRssMb,
    missing: checked.missing,
    duplicated: checked.duplicated,
    ...(run.code !== 0 ? { stderrTail: run.stderrTail.slice(-1500) } : {}),
  };
}

/** @param {{ quick: boolean, workDir: string, log?: (line: string) => void }} options */
export async function runLocalModels({ quick, workDir, log = () => undefined }) {
  const home = join(workDir, 'local-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const modelRows = quick ? 20_000 : 100_000;
  const e2eRows = quick ? 20_000 : 50_000;

  log('local models: GloVe conversion (first use, cold cache)');
  const convert = await probe(['convert'], home, workDir);
  log('local models: GloVe load (warm cache, fresh process)');
  const load = await probe(['glove-load'], home, workDir);
  log(`local models: GloVe embed ${modelRows} rows (one thread)`);
  const embed = await probe(['glove-embed', String(modelRows)], home, workDir);
  log(`local models: sentiment ${modelRows} rows (one thread)`);
  const sentiment = await probe(['sentiment', String(modelRows)], home, workDir);
  log(`local models: end to end through the CLI, ${e2eRows} rows each`);
  const gloveE2e = await endToEnd('glove-100d', e2eRows, { home, workDir });
  const gloveE2eInProcess = await endToEnd('glove-100d', e2eRows, { home, workDir }, 'in-process');
  const sentimentE2e = await endToEnd('sentiment-en', e2eRows, { home, workDir });
  const sentimentE2eInProcess = await endToEnd('sentiment-en', e2eRows, { home, workDir }, 'in-process');
  rmSync(home, { recursive: true, force: true });

  const targets = [
    { name: 'glove-load-time', target: 'GloVe model loads in < 1 s (import + load, warm cache, ms)', value: round(load.importAndLoadMs), pass: load.importAndLoadMs < 1000 },
    { name: 'glove-load-rss', target: 'GloVe model loads in < 300 MB (peak RSS of the loading process, MB)', value: load.peakRssMb, pass: load.peakRssMb < 300 },
    { name: 'glove-embed-rate', target: 'GloVe embeds >= 20k short rows/s on one core (model level)', value: round(embed.rowsPerSecond, 0), pass: embed.rowsPerSecond >= 20_000 },
    { name: 'sentiment-rate', target: 'sentiment labels >= 10k short rows/s (model level, one core)', value: round(sentiment.rowsPerSecond, 0), pass: sentiment.rowsPerSecond >= 10_000 },
  ];
  const summary = {
    'glove-100d.conversion on first use (s)': round(convert.convertMs / 1000, 2),
    'glove-100d.import + load, warm cache (ms)': round(load.importAndLoadMs),
    'glove-100d.process start to loaded (ms)': round(load.sinceProcessStartMs),
    'glove-100d.peak RSS after load (MB)': load.peakRssMb,
    'glove-100d.model-level rows/s (1 thread)': round(embed.rowsPerSecond, 0),
    'glove-100d.model-level peak RSS (MB)': embed.peakRssMb,
    'glove-100d.end-to-end CLI rows/s': gloveE2e.rowsPerSecond,
    'glove-100d.end-to-end CLI peak RSS (MB)': gloveE2e.peakRssMb,
    'glove-100d.end-to-end CLI --execution in-process rows/s': gloveE2eInProcess.rowsPerSecond,
    'glove-100d.end-to-end CLI --execution in-process peak RSS (MB)': gloveE2eInProcess.peakRssMb,
    'sentiment-en.load (ms)': round(sentiment.loadMs),
    'sentiment-en.model-level rows/s (1 thread)': round(sentiment.rowsPerSecond, 0),
    'sentiment-en.model-level peak RSS (MB)': sentiment.peakRssMb,
    'sentiment-en.end-to-end CLI rows/s': sentimentE2e.rowsPerSecond,
    'sentiment-en.end-to-end CLI peak RSS (MB)': sentimentE2e.peakRssMb,
    'sentiment-en.end-to-end CLI --execution in-process rows/s': sentimentE2eInProcess.rowsPerSecond,
    'sentiment-en.end-to-end CLI --execution in-process peak RSS (MB)': sentimentE2eInProcess.peakRssMb,
  };
  return { convert, load, embed, sentiment, endToEnd: { 'glove-100d': gloveE2e, 'glove-100d in-process': gloveE2eInProcess, 'sentiment-en': sentimentE2e, 'sentiment-en in-process': sentimentE2eInProcess }, targets, summary };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const workDir = mkdtempSync(join(tmpdir(), 'lateral-bench-local-'));
  try {
    const result = await runLocalModels({ quick: process.argv.includes('--quick'), workDir, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
