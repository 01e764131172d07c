#!/usr/bin/env node
// @ts-check
/**
 * Runs every benchmark scenario against one fake provider process, each by Lateral (the built
 * CLI) and by the baseline (openai + p-limit) in the same invocation, then the local-model
 * benchmarks, and writes benchmarks/results/latest.json and latest.md. Builds nothing: run
 * `scripts/setup.sh` (or `pnpm build`) first.
 *
 *   node benchmarks/run-all.mjs [--quick] [--scenario NAME[,NAME]] [--skip-local] [--execution pool|in-process|auto] [--workers N]
 *   pnpm bench
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLocalModels } from './local-models.mjs';
import { startFakeProcess } from './lib/fake-control.mjs';
import { markdownReport } from './lib/report.mjs';
import { CLI_BIN, runOne } from './lib/scenario-runner.mjs';
import { scenarios } from './lib/scenarios.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const API_KEY = 'sk-bench-0123456789abcdef';

function parseArgs(argv) {
  const options = {
    quick: false,
    scenarios: /** @type {string[] | undefined} */ (undefined),
    local: true,
    execution: /** @type {string | undefined} */ (undefined),
    workers: /** @type {number | undefined} */ (undefined),
    output: 'latest',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-local') options.local = false;
    else if (arg === '--scenario') options.scenarios = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--execution') options.execution = argv[++i];
    else if (arg === '--workers') options.workers = Number(argv[++i]);
    else if (arg === '--output') options.output = argv[++i] ?? 'latest';
    else throw new Error(`unknown argument '${arg}' (see the header of benchmarks/run-all.mjs)`);
  }
  return options;
}

const log = (line) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI_BIN)) {
    process.stderr.write(`The CLI is not built (${CLI_BIN} is missing): run scripts/setup.sh or pnpm build first.\n`);
    process.exit(2);
  }
  const all = scenarios({ quick: options.quick });
  const wanted = options.scenarios ?? [...all.map((s) => s.name), 'local-models'];
  const unknown = wanted.filter((name) => name !== 'local-models' && !all.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}, local-models`);

  const workDir = mkdtempSync(join(tmpdir(), 'lateral-bench-'));
  const startedAt = new Date();
  const started = performance.now();
  const fake = await startFakeProcess(['--api-key', API_KEY]);
  log(`fake server ${fake.url} (pid ${fake.pid}); work dir ${workDir}`);
  const results = {
    startedAt: startedAt.toISOString(),
    command: `node benchmarks/run-all.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    quick: options.quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) },
    totalSeconds: 0,
    /** @type {any[]} */
    scenarios: [],
    /** @type {any} */
    localModels: undefined,
  };
  try {
    for (const scenario of all.filter((s) => wanted.includes(s.name))) {
      log(`${scenario.name}: ${scenario.description}`);
      /** @type {Record<string, any>} */
      const runs = {};
      for (const run of scenario.runs) {
        const record = await runOne(scenario, run, { fake, apiKey: API_KEY, workDir, execution: options.execution, workers: options.workers });
        runs[run.id] = record;
        log(
          `  ${run.id}: exit ${record.exitCode}, ${record.outputRows}/${record.rows} rows in ${record.seconds} s (${record.rowsPerSecond} rows/s), ` +
            `${record.requests} requests, ${record.http429} x 429, ${record.rowsPerRequest} rows/req, CPU ${record.cpuUsPerRow} µs/row, ` +
            `peak RSS ${record.peakRssMb} MB, missing ${record.missing}, dup ${record.duplicated}`,
        );
        if (record.stderrTail) log(`  ${run.id} stderr: ${record.stderrTail.trim().split('\n').slice(-3).join(' | ')}`);
      }
      const targets = scenario.targets(runs);
      for (const t of targets) log(`  target ${t.name}: ${t.value} (${t.target}) ${t.pass ? 'PASS' : 'FAIL'}`);
      results.scenarios.push({ name: scenario.name, description: scenario.description, parallelism: scenario.parallelism, fake: scenario.fake, requestsPerMinute: scenario.requestsPerMinute, runs: Object.values(runs), targets });
    }
    if (options.local && wanted.includes('local-models')) {
      results.localModels = await runLocalModels({ quick: options.quick, workDir, log });
      for (const t of results.localModels.targets) log(`  target ${t.name}: ${t.value} (${t.target}) ${t.pass ? 'PASS' : 'FAIL'}`);
    }
  } finally {
    await fake.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  results.totalSeconds = Math.round(performance.now() - started) / 1000;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${options.output}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${options.output}.md`), markdownReport(results));
  const failed = [...results.scenarios.flatMap((s) => s.targets), ...(results.localModels?.targets ?? [])].filter((t) => !t.pass);
  log(`done in ${results.totalSeconds} s: ${failed.length === 0 ? 'every target met' : `${failed.length} target(s) missed: ${failed.map((t) => t.name).join(', ')}`}; results in benchmarks/results/${options.output}.{json,md}`);
}

await main();
