// @ts-check
/**
 * Starts the benchmark fake (benchmarks/fake-server/fake-server.mjs) in its own process and talks
 * to its control endpoints. Control calls use plain `fetch` to 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../fake-server/fake-server.mjs', import.meta.url));

/**
 * @param {string[]} [args] extra command-line flags for the fake
 * @returns {Promise<{ url: string, pid: number | undefined, reset(config?: object): Promise<object>, stats(ids?: number): Promise<any>, cpuMs(): number | undefined, stop(): Promise<void> }>}
 */
export async function startFakeProcess(args = []) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake server exited (${code}) before listening`)));
    lines.once('line', (line) => resolve(JSON.parse(line).url));
  });
  /** @param {string} path @param {RequestInit} [init] @returns {Promise<any>} */
  const call = async (path, init) => {
    const response = await fetch(`${url}${path}`, init);
    if (!response.ok) throw new Error(`fake ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    pid: child.pid,
    reset: (config = {}) => call('/__reset', { method: 'POST', body: JSON.stringify(config), headers: { 'content-type': 'application/json' } }),
    stats: (ids = 0) => call(`/__stats${ids > 0 ? `?ids=${ids}` : ''}`),
    cpuMs: () => processCpuMs(child.pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        child.once('exit', () => resolve(undefined));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user + system) a process has used so far, from /proc/<pid>/stat (Linux; clock ticks
 * of 10 ms): how busy the fake server was during a run, to tell a saturated server from a slow client.
 * @param {number | undefined} pid
 */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
