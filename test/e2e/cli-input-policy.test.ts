import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, freshDataDir, ndjson, runCli } from '../support/run-cli.js';

const STACK_LINE = /\n\s+at /;

describe('piped input is a script', () => {
  it('a statement without ; at the end of input runs', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson'], { input: 'SELECT 1 a' });
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ a: 1 }]);
  });

  it('two statements, the last without ;', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson'], { input: 'SELECT 1 a;\nSELECT 2 b' });
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('random bytes are a coded error with a non-zero exit', async () => {
    const run = await runCli(['--data-dir', freshDataDir()], { input: randomBytes(300).toString('latin1') });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/LATERAL_ERR_[A-Z_]+/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a 10 MB statement on stdin runs, with no stack', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson'], { input: `SELECT '${'a'.repeat(10_000_000)}' AS x;\n` });
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.code, run.stderr.slice(0, 500)).toBe(0);
    expect((ndjson(run.stdout)[0]!.x as string).length).toBe(10_000_000);
  }, 90_000);

  it('a quit line ends piped input', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson'], { input: 'SELECT 1 a;\nquit\nSELECT 2 b;\n' });
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ a: 1 }]);
  });
});

describe('one error policy for run, -e and stdin', () => {
  const script = "CREATE TABLE t (a INT);\nINSERT INTO nope VALUES (1);\nINSERT INTO t VALUES (2);\nSELECT a FROM t;\n";

  for (const [name, args, input] of [
    ['-e', (dir: string) => ['--data-dir', dir, '--format', 'ndjson', '-e', script], ''],
    ['stdin', (dir: string) => ['--data-dir', dir, '--format', 'ndjson'], script],
    ['run FILE', (dir: string) => { writeFileSync(join(dir, 's.sql'), script); return ['--data-dir', dir, '--format', 'ndjson', 'run', join(dir, 's.sql')]; }, ''],
    ['-f FILE', (dir: string) => { writeFileSync(join(dir, 's.sql'), script); return ['--data-dir', dir, '--format', 'ndjson', '-f', join(dir, 's.sql')]; }, ''],
  ] as const) {
    it(`${name}: stops at the first failing statement and lists those not run`, async () => {
      const dir = freshDataDir();
      const run = await runCli(args(dir), { input });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('LATERAL_ERR_BIND_UNKNOWN_TABLE');
      expect(run.stderr).toContain('2 statements were not run');
      expect(run.stderr).toMatch(/line 3: INSERT INTO t VALUES \(2\)/);
      expect(run.stderr).toMatch(/line 4: SELECT a FROM t/);
      expect(run.stdout).toBe('');
    });
  }

  it('run A B: a failure in A leaves B not run, and says so', async () => {
    const dir = freshDataDir();
    writeFileSync(join(dir, 'a.sql'), 'SELECT * FROM nope;');
    writeFileSync(join(dir, 'b.sql'), 'SELECT 1 AS b;');
    const run = await runCli(['--data-dir', dir, '--format', 'ndjson', 'run', join(dir, 'a.sql'), join(dir, 'b.sql')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`note: not run: ${join(dir, 'b.sql')}`);
    expect(run.stdout).toBe('');
  });

  it('--continue-on-error runs the rest and still exits non-zero', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson', '--continue-on-error', '-e', script]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LATERAL_ERR_BIND_UNKNOWN_TABLE');
    expect(ndjson(run.stdout)).toEqual([{ a: 2 }]);
  });
});

describe('no stack trace for an ordinary mistake', () => {
  it('200 malformed -e inputs print coded errors and no JS stack', async () => {
    const words = ['SELECT', 'FROM', 'WHERE', 'ML_PREDICT', 'LATERAL', 'TABLE', '(', ')', ',', "'x'", '1', 'CREATE', 'MODEL', 'INPUT', 'OUTPUT', 'WITH', '=', ';', 'CAST', 'AS', 'INT', 'ARRAY', '[', ']', 'MAP', 'SHOW', 'VALUES', '*', '1e999', 'x', '`a`', 'NULL', "'2020-13-45'", '\u0000', '\uFFFF', 'DESCRIBE'];
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const inputs = Array.from({ length: 200 }, () => Array.from({ length: 1 + next(12) }, () => words[next(words.length)]).join(' ').replace(/\u0000/g, ''));
    // One process per input is what a user does; every 5th of the 200 keeps the test's time bounded.
    const dir = freshDataDir();
    const failures: string[] = [];
    for (const [index, sql] of inputs.entries()) {
      if (index % 5 !== 0) continue;
      const run = await runCli(['--data-dir', dir, '-e', sql]);
      if (STACK_LINE.test(run.stderr) || (run.code !== 0 && !/LATERAL_ERR_[A-Z_]+/.test(run.stderr))) failures.push(`${sql}\n${run.stderr}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a read-only data dir on CREATE is LATERAL_ERR_FILE_IO, not a stack', () => {
    const parent = freshDataDir();
    chmodSync(parent, 0o755);
    const readOnly = join(parent, 'ro');
    mkdirSync(readOnly, { mode: 0o555 });
    // root ignores permissions, so as root the CLI runs as `nobody` to meet a real EACCES.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = spawnSync(process.execPath, [CLI_BIN, '--data-dir', readOnly, '-e', 'CREATE TABLE t (a INT);'], { ...asNobody, cwd: parent, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/LATERAL_ERR_FILE_IO: cannot \w+ \S+: EACCES/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a data dir that cannot be used is a coded error without a stack', async () => {
    const file = join(freshDataDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const run = await runCli(['--data-dir', file, '-e', 'CREATE TABLE t (a INT);']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/LATERAL_ERR_(CATALOG_CORRUPT|FILE_IO)/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('smaller command-line items', () => {
  it('lateral help prints the usage', async () => {
    const run = await runCli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: lateral');
  });

  it('run - reads the script from stdin', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '--format', 'ndjson', 'run', '-'], { input: 'SELECT 3 AS c' });
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ c: 3 }]);
  });

  it('run FILE -e … is a usage error, not silently ignored', async () => {
    const dir = freshDataDir();
    writeFileSync(join(dir, 's.sql'), 'SELECT 1 AS a;');
    const run = await runCli(['--data-dir', dir, 'run', join(dir, 's.sql'), '-e', 'SELECT 2 AS b;']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_CLI_USAGE');
    expect(run.stdout).toBe('');
  });

  it('a --data-dir that does not exist: says a new catalog is created there', async () => {
    const dir = join(freshDataDir(), 'new-home');
    const run = await runCli(['--data-dir', dir, '-e', 'SELECT 1 AS a;']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${dir} does not exist; creating a new catalog there`);
    const again = await runCli(['--data-dir', dir, '-e', 'SELECT 1 AS a;']);
    expect(again.stderr).not.toContain('does not exist');
  });

  it('a misspelt keyword suggests the nearest expected keyword', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '-e', 'SELEC 1;']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('found "SELEC"; did you mean SELECT?');
  });

  it('a misspelt option key suggests the nearest allowed key', async () => {
    const run = await runCli(['--data-dir', freshDataDir(), '-e', "CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = 'http://127.0.0.1:9/v1/chat/completions', 'api-key' = 'k', 'organisation' = 'o');"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Unknown option 'organisation'");
    expect(run.stderr).toContain("(did you mean 'organization'?)");
  });

  it('unknown options are coded usage errors', async () => {
    const run = await runCli(['--no-such-flag']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_CLI_USAGE');
  });
});
