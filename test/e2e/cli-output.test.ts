import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, freshDataDir, ndjson, REPO_ROOT, runCli } from '../support/run-cli.js';

const ROWS = 200_000;
/** A JS stack line, as Node prints them. */
const STACK_LINE = /\n\s+at /;

let dir: string;
beforeAll(async () => {
  dir = freshDataDir();
  let text = '';
  for (let i = 0; i < ROWS; i += 1) text += `${i},row ${i}\n`;
  writeFileSync(join(dir, 'big.csv'), text);
  const setup = await runCli(['--data-dir', dir, '-e', `CREATE TABLE big (id BIGINT, text STRING) WITH ('connector' = 'filesystem', 'path' = '${join(dir, 'big.csv')}', 'format' = 'csv');`]);
  expect(setup.code, setup.stderr).toBe(0);
});

describe('the table format streams', () => {
  it('prints 200k rows without crashing, numbers right-aligned', async () => {
    const run = await runCli(['--data-dir', dir, '-e', 'SELECT id, text FROM big;'], { timeoutMs: 120_000 });
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.endsWith(`${ROWS} rows in set\n`)).toBe(true);
    const lines = run.stdout.split('\n');
    // Header then rows: `│     id │ text … │` with the id padded on the left.
    expect(lines[1]).toMatch(/^│ id\s+│ text\s+│$/);
    expect(lines[3]).toMatch(/^│\s+0 │ row 0\s+│$/);
  }, 150_000);

  it('shows the rows computed before a runtime error (nothing is held back)', async () => {
    const run = await runCli(['--data-dir', dir, '-e', 'SELECT id, 10 / (id - 150000) AS q FROM big;'], { timeoutMs: 120_000 });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_EXEC_RUNTIME');
    expect(run.stdout).toMatch(/│\s+1000 │/);
    expect(run.stdout).not.toContain('rows in set');
  }, 150_000);

  it('fits wide values to the terminal width ($COLUMNS when stdout is not a terminal)', async () => {
    const run = await runCli(['--data-dir', dir, '-e', `SELECT 1 AS id, '${'w'.repeat(300)}' AS wide;`], { env: { COLUMNS: '50' } });
    expect(run.code, run.stderr).toBe(0);
    const table = run.stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));
    expect(table.length).toBeGreaterThan(0);
    for (const line of table) expect([...line].length).toBe(50);
    expect(run.stdout).toContain('w…');
  });

  it('expanded display prints one column | value block per row', async () => {
    const run = await runCli(['--data-dir', dir, '--expanded', '-e', "SELECT 1 AS id, 'hello' AS greeting;"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('-[ RECORD 1 ]--------\nid       | 1\ngreeting | hello\n1 row in set\n');
  });

  it('sql-client.display.max-column-width cuts wide values with …', async () => {
    const run = await runCli(['--data-dir', dir, '-e', "SET 'sql-client.display.max-column-width' = '5'; SELECT 'abcdefghij' AS t;"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('│ abcd… │');
  });

  it('a reader that goes away (| head) ends the run quietly, before the next statement, tables intact', async () => {
    const script = join(dir, 'head.sql');
    writeFileSync(
      script,
      `CREATE TABLE copy (id BIGINT, text STRING);
       INSERT INTO copy SELECT id, text FROM big WHERE id < 10;
       SELECT id, text FROM big;
       CREATE TABLE after_select (a INT);\n`,
    );
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, 'run', script], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      seen += chunk;
      if (seen.split('\n').length > 3) child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    clearTimeout(timer);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(141);
    const copy = await runCli(['--data-dir', dir, '--format', 'ndjson', '-e', 'SELECT id FROM copy;']);
    expect(ndjson(copy.stdout)).toHaveLength(10);
    const tables = await runCli(['--data-dir', dir, '--format', 'ndjson', '-e', 'SHOW TABLES;']);
    expect(tables.stdout).not.toContain('after_select');
  }, 90_000);
});

describe('machine formats always parse', () => {
  it('json writes one array per result set: a stream jq reads', async () => {
    const run = await runCli(['--data-dir', dir, '--format', 'json', '-e', 'SELECT 1 AS a; SELECT 2 AS b;']);
    expect(run.code, run.stderr).toBe(0);
    const jq = spawnSync('jq', ['-c', '-s', '.'], { input: run.stdout, encoding: 'utf8' });
    expect(jq.status, jq.stderr).toBe(0);
    expect(JSON.parse(jq.stdout)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
  });

  it('json stays parseable when the statement fails part-way; the error is on stderr', async () => {
    const run = await runCli(['--data-dir', dir, '--format', 'json', '-e', 'SELECT id, 10 / (id - 150000) AS q FROM big;'], { timeoutMs: 120_000 });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_EXEC_RUNTIME');
    const rows = JSON.parse(run.stdout) as unknown[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(150_000);
  }, 150_000);

  it('csv: one header per result set, a blank line between; NULL is empty, the empty string is ""', async () => {
    const run = await runCli(['--data-dir', dir, '--format', 'csv', '-e', "SELECT CAST(NULL AS STRING) AS n, '' AS e, 'x' AS s; SELECT 1 AS b;"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('n,e,s\n,"",x\n\nb\n1\n');
  });

  it("csv written by lateral reads back through a filesystem csv table with 'csv.header'", async () => {
    const own = freshDataDir();
    const run = await runCli(['--data-dir', own, '--format', 'csv', '-e', "CREATE TABLE src (id INT, n STRING, e STRING); INSERT INTO src VALUES (1, NULL, ''), (2, 'two', 'x'); SELECT id, n, e FROM src;"]);
    expect(run.code, run.stderr).toBe(0);
    const file = join(own, 'out.csv');
    writeFileSync(file, run.stdout);
    const back = await runCli([
      '--data-dir',
      own,
      '--format',
      'ndjson',
      '-e',
      `CREATE TABLE back (id INT, n STRING, e STRING) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'csv', 'csv.header' = 'true');
       SELECT id, n IS NULL AS n_null, e = '' AS e_empty FROM back;`,
    ]);
    expect(back.stderr).not.toContain('LATERAL_ERR');
    expect(ndjson(back.stdout)).toEqual([
      { id: 1, n_null: true, e_empty: true },
      { id: 2, n_null: false, e_empty: false },
    ]);
  });
});
