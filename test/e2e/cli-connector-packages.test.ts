import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, runCli } from '../support/run-cli.js';

describe('the CLI loads connector packages by name', () => {
  it("'connector' = 'filesystem' is served by @lateral/connector-filesystem, a dependency of the CLI", async () => {
    const dir = freshDataDir();
    const file = join(dir, 'out.json');
    const run = await runCli([
      '--data-dir',
      dir,
      '-e',
      `CREATE TABLE out (id INT) WITH ('connector' = 'filesystem', 'path' = '${file}', 'format' = 'json');
       INSERT INTO out VALUES (1), (2);`,
    ]);
    expect(run.stderr).not.toContain('LATERAL_ERR');
    expect(run.stderr).toContain('2 rows inserted into out');
    expect(run.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('{"id":1}\n{"id":2}\n');
  });

  it('a connector that is not installed names the package to add, and nothing is created', async () => {
    const dir = freshDataDir();
    const run = await runCli(['--data-dir', dir, '-e', "CREATE TABLE t (id INT) WITH ('connector' = 'nosuch')"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("LATERAL_ERR_OPTION_INVALID: Unknown connector 'nosuch': Connector 'nosuch' is not installed: add @lateral/connector-nosuch (pnpm add @lateral/connector-nosuch).");
    const tables = await runCli(['--data-dir', dir, '-e', 'SHOW TABLES']);
    expect(tables.stdout).toContain('0 rows in set');
  });

  it('a secret-looking option a connector refuses is reported without its value', async () => {
    const dir = freshDataDir();
    // The filesystem connector takes no secret options: an unknown secret-looking one is refused without echoing its value.
    const run = await runCli(['--data-dir', dir, '-e', "CREATE TABLE t (id INT) WITH ('connector' = 'filesystem', 'path' = 'x.json', 'format' = 'json', 'password' = 'hunter2-value')"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Unsupported option 'password'");
    expect(run.stderr).not.toContain('hunter2-value');
  });
});
