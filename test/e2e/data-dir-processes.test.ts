import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, freshDataDir, ndjson, REPO_ROOT, runCli } from '../support/run-cli.js';

/**
 * Several real `lateral` processes on one data directory: every change one of them commits is
 * kept (no process writes back a catalog it read earlier), a connection and its secret change
 * together, and a long-lived shell sees what other processes created.
 */

const PROCESSES = 3;
const OBJECTS_PER_PROCESS = 40;

function creations(worker: number): string {
  const statements: string[] = [];
  for (let index = 0; index < OBJECTS_PER_PROCESS; index += 1) {
    const name = `w${worker}_${index}`;
    statements.push(`CREATE TABLE t_${name} (id INT, text STRING);`);
    statements.push(
      `CREATE CONNECTION c_${name} WITH ('type' = 'openai', 'endpoint' = 'http://127.0.0.1:9/v1/chat/completions', 'api-key' = '\${env:KEY_${name}}');`,
    );
    // Every fourth connection is dropped again: its secret must go with it.
    if (index % 4 === 3) statements.push(`DROP CONNECTION c_${name};`);
  }
  return statements.join('\n');
}

async function names(dir: string, what: 'TABLES' | 'CONNECTIONS'): Promise<string[]> {
  const run = await runCli(['-e', `SHOW ${what};`, '--data-dir', dir, '--format', 'ndjson']);
  expect(run.stderr).toBe('');
  return ndjson(run.stdout).map((row) => String(Object.values(row)[0])).sort();
}

/**
 * A shell kept open on standard input (`--interactive`: piped input is otherwise run as one script
 * once it ends); `send` writes statements and waits until `until` holds.
 */
function openShell(dir: string) {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, '--format', 'ndjson', '--interactive'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let waiter: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    waiter?.();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    waiter?.();
  });
  const lines = () => stdout.split('\n').filter((line) => line.trim() !== '');
  return {
    /** Sends statements and resolves when stdout holds `total` lines, or stderr reports something. */
    async send(sql: string, until: () => boolean): Promise<void> {
      child.stdin.write(`${sql}\n`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`shell did not answer: ${stderr}`)), 20_000);
        waiter = () => {
          if (until()) {
            clearTimeout(timer);
            resolve();
          }
        };
        waiter();
      });
    },
    lines,
    stderr: () => stderr,
    async quit(): Promise<number | null> {
      child.stdin.end('quit\n');
      return new Promise((resolve) => child.on('close', (code) => resolve(code)));
    },
  };
}

describe('several processes on one data directory', () => {
  it(`keeps every CREATE and DROP of ${PROCESSES} concurrent processes, each connection with its own secret`, async () => {
    const dir = freshDataDir();
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, worker) => runCli(['-e', creations(worker), '--data-dir', dir], { timeoutMs: 90_000 })),
    );
    for (const run of runs) {
      expect(run.stderr).not.toContain('LATERAL_ERR');
      expect(run.code).toBe(0);
    }
    const expectedTables: string[] = [];
    const expectedConnections: string[] = [];
    for (let worker = 0; worker < PROCESSES; worker += 1) {
      for (let index = 0; index < OBJECTS_PER_PROCESS; index += 1) {
        expectedTables.push(`t_w${worker}_${index}`);
        if (index % 4 !== 3) expectedConnections.push(`c_w${worker}_${index}`);
      }
    }
    expect(await names(dir, 'TABLES')).toEqual(expectedTables.sort());
    expect(await names(dir, 'CONNECTIONS')).toEqual(expectedConnections.sort());
    // Each connection still has its own secret: SHOW CREATE prints an env reference as written.
    const show = await runCli(['-e', expectedConnections.map((name) => `SHOW CREATE CONNECTION ${name};`).join('\n'), '--data-dir', dir, '--format', 'ndjson']);
    expect(show.stderr).toBe('');
    const statements = ndjson(show.stdout).map((row) => String(row['Create Statement']));
    expect(statements).toHaveLength(expectedConnections.length);
    statements.forEach((text, i) => expect(text).toContain(`'api-key' = '\${env:KEY_${expectedConnections[i]!.slice(2)}}'`));
  }, 120_000);

  it('keeps every INSERT of concurrent processes into the same memory and file tables', async () => {
    const dir = freshDataDir();
    const file = join(dir, 'shared.json');
    const setup = await runCli(['-e', `CREATE TABLE f (id INT) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json');`, '--data-dir', dir]);
    expect(setup.code).toBe(0);
    const script = (worker: number) =>
      Array.from({ length: 10 }, (_, k) => `CREATE TABLE IF NOT EXISTS s_${k} (id INT); INSERT INTO s_${k} VALUES (${worker}); INSERT INTO f VALUES (${worker * 100 + k});`).join('\n');
    const runs = await Promise.all(Array.from({ length: PROCESSES }, (_, worker) => runCli(['-e', script(worker), '--data-dir', dir], { timeoutMs: 90_000 })));
    for (const run of runs) {
      expect(run.stderr).not.toContain('LATERAL_ERR');
      expect(run.code).toBe(0);
    }
    const read = await runCli(['-e', [...Array.from({ length: 10 }, (_, k) => `SELECT id FROM s_${k};`), 'SELECT id FROM f;'].join('\n'), '--data-dir', dir, '--format', 'ndjson']);
    expect(read.stderr).toBe('');
    const ids = ndjson(read.stdout).map((row) => Number(row.id));
    const perTable = ids.slice(0, 10 * PROCESSES);
    for (let k = 0; k < 10; k += 1) expect(perTable.slice(k * PROCESSES, (k + 1) * PROCESSES).sort()).toEqual([0, 1, 2]);
    const expectedFile = Array.from({ length: PROCESSES }, (_, worker) => Array.from({ length: 10 }, (_, k) => worker * 100 + k)).flat();
    expect(ids.slice(10 * PROCESSES).sort((a, b) => a - b)).toEqual(expectedFile);
  }, 120_000);

  it('a shell left open sees tables other processes create and does not erase them', async () => {
    const dir = freshDataDir();
    const shell = openShell(dir);
    await shell.send("CREATE TABLE from_shell (id INT);\nSELECT 'ready' AS state;", () => shell.lines().length >= 1);
    const other = await runCli(['-e', 'CREATE TABLE from_other (id INT); INSERT INTO from_other VALUES (7);', '--data-dir', dir]);
    expect(other.code).toBe(0);
    await shell.send('SELECT id FROM from_other;\nCREATE TABLE from_shell_later (id INT);\nSHOW TABLES;', () => shell.lines().length >= 5);
    expect(shell.stderr()).not.toContain('LATERAL_ERR');
    expect(shell.lines().slice(1).map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      { id: 7 },
      { 'Table Name': 'from_other' },
      { 'Table Name': 'from_shell' },
      { 'Table Name': 'from_shell_later' },
    ]);
    expect(await shell.quit()).toBe(0);
    expect(await names(dir, 'TABLES')).toEqual(['from_other', 'from_shell', 'from_shell_later']);
  }, 60_000);

  it('a table created again after another process dropped it starts empty', async () => {
    const dir = freshDataDir();
    const shell = openShell(dir);
    await shell.send("SELECT 'ready' AS state;", () => shell.lines().length >= 1);
    const first = await runCli(['-e', 'CREATE TABLE t (id INT); INSERT INTO t VALUES (1), (2);', '--data-dir', dir]);
    expect(first.code).toBe(0);
    // The open shell sees the table, refuses a second CREATE, drops it and creates it anew.
    await shell.send('CREATE TABLE t (id INT);', () => shell.stderr().includes('LATERAL_ERR_CATALOG_EXISTS'));
    await shell.send("DROP TABLE t;\nCREATE TABLE t (id INT);\nINSERT INTO t VALUES (3);\nSELECT id FROM t;\nSELECT 'end' AS state;", () => shell.lines().length >= 3);
    expect(shell.lines().slice(1).map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([{ id: 3 }, { state: 'end' }]);
    await shell.quit();
  }, 60_000);
});
