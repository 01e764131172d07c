// @ts-check
/**
 * Runs a node program as a child process and measures it the same way for Lateral and for the
 * baseline: wall time from spawn to exit, CPU time (user + system, all threads) and peak RSS as
 * the child reports them on exit (usage-reporter.mjs), and RSS samples from /proc while it runs
 * (to see whether memory grows during a run).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPORTER = fileURLToPath(new URL('./usage-reporter.mjs', import.meta.url));

/**
 * @typedef {object} MeasuredRun
 * @property {number | null} code
 * @property {number} wallSeconds
 * @property {number | undefined} cpuMs user + system
 * @property {number | undefined} userCpuMs
 * @property {number | undefined} systemCpuMs
 * @property {number | undefined} peakRssMb
 * @property {number[]} rssSamplesMb VmRSS every `sampleMs` while running
 * @property {string} stdout
 * @property {string} stderrTail last 4 KB of stderr
 */

/**
 * @param {string[]} args arguments to `node` after the reporter preload
 * @param {{ env?: Record<string, string | undefined>, cwd: string, workDir: string, timeoutMs?: number, sampleMs?: number, keepStdout?: boolean }} options
 * @returns {Promise<MeasuredRun>}
 */
export function runMeasured(args, options) {
  const usageFile = join(options.workDir, `usage-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, ['--import', REPORTER, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      if (options.keepStdout) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    /** @type {number[]} */
    const samples = [];
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmRSS:\s+(\d+) kB/.exec(status);
        if (match) samples.push(Math.round(Number(match[1]) / 102.4) / 10);
      } catch {
        // The child has just exited.
      }
    }, options.sampleMs ?? 250);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearInterval(sampler);
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', async (code) => {
      const wallSeconds = (performance.now() - startedAt) / 1000;
      clearInterval(sampler);
      clearTimeout(timer);
      let usage;
      try {
        usage = JSON.parse(await readFile(usageFile, 'utf8'));
        rmSync(usageFile, { force: true });
      } catch {
        usage = undefined;
      }
      resolve({
        code,
        wallSeconds,
        cpuMs: usage ? usage.userCpuMs + usage.systemCpuMs : undefined,
        userCpuMs: usage?.userCpuMs,
        systemCpuMs: usage?.systemCpuMs,
        peakRssMb: usage ? Math.round(usage.maxRssKb / 102.4) / 10 : undefined,
        rssSamplesMb: samples,
        stdout,
        stderrTail: stderr,
      });
    });
  });
}
