import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, freshDataDir, ndjson, REPO_ROOT, runCli } from '../support/run-cli.js';

/**
 * `kill -9` of a real `lateral` process in the middle of `INSERT INTO t SELECT ...` leaves every
 * table exactly as before the INSERT or exactly as after it, and the next process cleans up the
 * killed writer's hidden files. Kill moments are spread over the whole run (some before the
 * INSERT starts, most while it writes, some after it committed); which of the two states a kill
 * gives is not asserted, only that it is one of them.
 */

const SOURCE_ROWS = 200_000;
const ITERATIONS_PER_KIND = 8;
type Kind = 'memory' | 'file' | 'directory';
const KINDS: Kind[] = ['memory', 'file', 'directory'];
/** The old state of every table before each INSERT: three marker rows (negative ids). */
const MARKERS = [-1, -2, -3];
const markerLines = () => MARKERS.map((id) => JSON.stringify({ id, text: 'old' })).join('\n') + '\n';

function prepare(): { dir: string; work: string } {
  const dir = freshDataDir('lateral-kill-');
  const work = join(dir, 'work');
  mkdirSync(join(work, 'parts'), { recursive: true });
  const lines: string[] = [];
  for (let id = 0; id < SOURCE_ROWS; id += 1) lines.push(JSON.stringify({ id, text: `row ${id} ${'x'.repeat(60)}` }));
  writeFileSync(join(work, 'source.json'), `${lines.join('\n')}\n`);
  return { dir, work };
}

const ddl = (work: string) => `
CREATE TABLE src (id INT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${join(work, 'source.json')}', 'format' = 'json');
CREATE TABLE out_file (id INT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${join(work, 'out.json')}', 'format' = 'json');
CREATE TABLE out_dir (id INT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${join(work, 'parts')}', 'format' = 'json');
`;
const RESET_MEMORY = `DROP TABLE IF EXISTS mem; CREATE TABLE mem (id INT, text STRING); INSERT INTO mem VALUES ${MARKERS.map((id) => `(${id}, 'old')`).join(', ')};`;

const TABLE_OF: Record<Kind, string> = { memory: 'mem', file: 'out_file', directory: 'out_dir' };

/** Gives the table its old state again: the three marker rows. */
async function reset(dir: string, work: string, kind: Kind): Promise<void> {
  if (kind === 'memory') {
    const run = await runCli(['-e', RESET_MEMORY, '--data-dir', dir]);
    expect(run.stderr).not.toContain('LATERAL_ERR');
  } else if (kind === 'file') {
    writeFileSync(join(work, 'out.json'), markerLines());
  } else {
    rmSync(join(work, 'parts'), { recursive: true, force: true });
    mkdirSync(join(work, 'parts'));
    writeFileSync(join(work, 'parts', 'part-old.json'), markerLines());
  }
}

/** Whether process `pid` has a file open whose path ends with `suffix` (Linux: /proc/<pid>/fd). */
function hasOpen(pid: number, suffix: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).endsWith(suffix);
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

interface InsertRun {
  /** Killed while the INSERT was running (after it opened the source). */
  killed: boolean;
  code: number | null;
  stderr: string;
  /** From the moment the INSERT opened its source to the end of the process. */
  insertMs: number;
}

/**
 * Runs the INSERT; once the process has opened the source file (the INSERT is running, whatever
 * the machine's load made of node's start-up), kills it with SIGKILL after `delayMs`.
 */
function insertAndKill(dir: string, kind: Kind, delayMs: number | undefined): Promise<InsertRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, '-e', `INSERT INTO ${TABLE_OF[kind]} SELECT id, text FROM src;`, '--data-dir', dir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let insertStarted: number | undefined;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (insertStarted !== undefined || child.pid === undefined || !hasOpen(child.pid, 'source.json')) return;
      insertStarted = Date.now();
      clearInterval(poll);
      if (delayMs !== undefined) timer = setTimeout(() => (killed = child.kill('SIGKILL')), delayMs);
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ killed: killed && signal === 'SIGKILL', code, stderr, insertMs: insertStarted === undefined ? 0 : Date.now() - insertStarted });
    });
  });
}

/** The ids the table holds now, read by a fresh process (which also opens the data directory anew). */
async function storedIds(dir: string, kind: Kind): Promise<number[]> {
  const run = await runCli(['-e', `SELECT id FROM ${TABLE_OF[kind]};`, '--data-dir', dir, '--format', 'ndjson', '--no-progress'], { timeoutMs: 60_000 });
  expect(run.stderr).toBe('');
  return ndjson(run.stdout).map((row) => Number(row.id));
}

/** 'old' (the markers only) or 'new' (the markers and every source row once); anything else fails. */
function stateOf(ids: number[]): 'old' | 'new' {
  const markers = ids.filter((id) => id < 0).sort();
  expect(markers).toEqual([...MARKERS].sort());
  const rows = ids.filter((id) => id >= 0);
  if (rows.length === 0) return 'old';
  expect(rows.length).toBe(SOURCE_ROWS);
  const seen = new Uint8Array(SOURCE_ROWS);
  for (const id of rows) seen[id] = 1;
  expect(seen.every((flag) => flag === 1)).toBe(true);
  return 'new';
}

function hiddenFiles(path: string): string[] {
  return readdirSync(path).filter((name) => name.startsWith('.') || name.endsWith('.tmp'));
}

describe('kill -9 during INSERT INTO ... SELECT', () => {
  it(`leaves memory, file and directory tables in the old or the new state (${ITERATIONS_PER_KIND} kills each)`, async () => {
    const { dir, work } = prepare();
    const setup = await runCli(['-e', ddl(work), '--data-dir', dir]);
    expect(setup.stderr).not.toContain('LATERAL_ERR');
    // One uninterrupted INSERT per kind gives how long its INSERT runs; the kills are spread over
    // that time (and a little past it), counted from the moment the process opened the source.
    const durations: Record<Kind, number> = { memory: 0, file: 0, directory: 0 };
    for (const kind of KINDS) {
      await reset(dir, work, kind);
      const run = await insertAndKill(dir, kind, undefined);
      expect(run.stderr).not.toContain('LATERAL_ERR');
      durations[kind] = Math.max(run.insertMs, 50);
      expect(stateOf(await storedIds(dir, kind))).toBe('new');
      await reset(dir, work, kind);
    }
    let killedDuringInsert = 0;
    const outcomes: string[] = [];
    for (let iteration = 0; iteration < ITERATIONS_PER_KIND; iteration += 1) {
      for (const kind of KINDS) {
        const delay = Math.round((durations[kind] * 1.1 * (iteration + 0.5)) / ITERATIONS_PER_KIND);
        const run = await insertAndKill(dir, kind, delay);
        if (!run.killed) expect(run.stderr).not.toContain('LATERAL_ERR');
        if (run.killed) killedDuringInsert += 1;
        const state = stateOf(await storedIds(dir, kind));
        outcomes.push(`${kind}@${delay}ms:${run.killed ? 'killed' : 'finished'}:${state}`);
        if (state === 'new') await reset(dir, work, kind);
      }
    }
    // Most kills hit a running INSERT (else the test would prove nothing).
    expect(killedDuringInsert, outcomes.join(' ')).toBeGreaterThanOrEqual(ITERATIONS_PER_KIND);
    // Every read above opened the table anew after a kill: nothing a killed writer left remains.
    expect(hiddenFiles(work)).toEqual([]);
    expect(hiddenFiles(join(work, 'parts'))).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 180_000);
});
