// @ts-check
/**
 * Runs one run of a scenario (Lateral through the built CLI, or the baseline script) against the
 * fake, after resetting its counters and settings, and turns the measurements, the fake's counters
 * and the checked output file into one record.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInputFile, verifyOutput } from './bench-data.mjs';
import { lateralScript } from './lateral-sql.mjs';
import { runMeasured } from './measured-run.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BIN = join(REPO_ROOT, 'packages/cli/dist/bin.js');
const BASELINE = fileURLToPath(new URL('../baseline/openai-plimit.mjs', import.meta.url));

/**
 * @param {import('./scenarios.mjs').Scenario} scenario
 * @param {import('./scenarios.mjs').RunSpec} run
 * @param {{ fake: Awaited<ReturnType<typeof import('./fake-control.mjs').startFakeProcess>>, apiKey: string, workDir: string, execution?: string, workers?: number }} context
 */
export async function runOne(scenario, run, context) {
  const { fake, workDir } = context;
  const input = await ensureInputFile(workDir, run.rows);
  const output = join(workDir, `out-${scenario.name}-${run.id}.ndjson`);
  rmSync(output, { force: true });
  await fake.reset(scenario.fake);
  // Other work on the machine skews timings: each run records the load it started under.
  const loadAverage1m = Math.round(loadavg()[0] * 100) / 100;
  const serverCpuBefore = fake.cpuMs();

  let measured;
  if (run.runner === 'lateral') {
    const dataDir = mkdtempSync(join(workDir, 'data-'));
    const sqlFile = join(workDir, `${scenario.name}-${run.id}.sql`);
    writeFileSync(
      sqlFile,
      lateralScript({
        kind: scenario.kind,
        fakeUrl: fake.url,
        input,
        output,
        parallelism: scenario.parallelism,
        requestsPerMinute: scenario.requestsPerMinute,
        extraConfig: scenario.config,
      }),
    );
    const args = [CLI_BIN, 'run', sqlFile, '--data-dir', dataDir, '--format', 'ndjson', '--no-progress'];
    const execution = run.execution ?? context.execution;
    if (execution) args.push('--execution', execution);
    if (context.workers) args.push('--workers', String(context.workers));
    measured = await runMeasured(args, { cwd: REPO_ROOT, workDir, env: { BENCH_API_KEY: context.apiKey } });
    rmSync(dataDir, { recursive: true, force: true });
  } else {
    const args = [BASELINE, '--kind', scenario.kind, '--input', input, '--output', output, '--base-url', `${fake.url}/v1`, '--concurrency', String(scenario.parallelism)];
    measured = await runMeasured(args, { cwd: REPO_ROOT, workDir, env: { OPENAI_API_KEY: context.apiKey } });
  }

  const server = await fake.stats(run.rows);
  const serverCpuAfter = fake.cpuMs();
  const checked = await verifyOutput(output, run.rows, scenario.kind === 'chat' ? 'label' : 'embedding');
  if (existsSync(output)) rmSync(output, { force: true });
  const rows = run.rows;
  const rssMax = measured.rssSamplesMb.length > 0 ? Math.max(...measured.rssSamplesMb) : undefined;
  return {
    id: run.id,
    runner: run.runner,
    execution: run.runner === 'lateral' ? (run.execution ?? context.execution ?? 'auto') : undefined,
    exitCode: measured.code,
    loadAverage1m,
    rows,
    outputRows: checked.rows,
    seconds: round(measured.wallSeconds),
    rowsPerSecond: round(checked.rows / measured.wallSeconds, 1),
    serverSeconds: round(server.windowSeconds),
    serverRowsPerSecond: round(server.windowSeconds > 0 ? server.idsAnswered / server.windowSeconds : 0, 1),
    serverOkPerSecond: round(server.okPerSecond, 1),
    serverSteadyOkPerSecond: round(server.steadyOkPerSecond, 1),
    requests: server.requests,
    okRequests: server.ok,
    http429: server.http429,
    http429Share: round(server.requests > 0 ? server.http429 / server.requests : 0, 4),
    faults: server.faults,
    byStatus: server.byStatus,
    rowsPerRequest: round(server.embeddingRequests > 0 ? server.rowsPerRequest : server.chatRequests > 0 ? 1 : 0, 1),
    maxRowsPerRequest: server.embeddingRequests > 0 ? server.maxRowsPerRequest : 1,
    maxConcurrency: server.maxConcurrency,
    meanConcurrency: round(server.meanConcurrency, 1),
    cpuMs: measured.cpuMs === undefined ? null : round(measured.cpuMs, 0),
    cpuUsPerRow: measured.cpuMs === undefined ? null : round((measured.cpuMs * 1000) / rows, 1),
    peakRssMb: measured.peakRssMb ?? null,
    sampledRssMaxMb: rssMax ?? null,
    rssProfileMb: rssProfile(measured.rssSamplesMb),
    missing: checked.missing,
    duplicated: checked.duplicated,
    invalidRows: checked.invalid,
    okPerSecondTimeline: server.okTimeline,
    http429PerSecondTimeline: server.http429Timeline,
    serverCpuMs: serverCpuBefore === undefined || serverCpuAfter === undefined ? null : serverCpuAfter - serverCpuBefore,
    serverDuplicatedIds: server.duplicatedIds,
    serverNeverAnswered: server.ids?.missingCount,
    ...(measured.code !== 0 || checked.missing > 0 ? { stderrTail: measured.stderrTail.slice(-1500) } : {}),
  };
}

/** @param {number} value @param {number} digits */
function round(value, digits = 3) {
  return Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value;
}

/**
 * The RSS samples of a run cut into ten equal spans of time, the largest of each: a flat tail
 * means memory does not grow with the rows processed; a staircase means it does.
 * @param {number[]} samples
 */
export function rssProfile(samples, spans = 10) {
  if (samples.length === 0) return [];
  const size = Math.max(1, Math.ceil(samples.length / spans));
  const profile = [];
  for (let start = 0; start < samples.length; start += size) profile.push(Math.max(...samples.slice(start, start + size)));
  return profile;
}
