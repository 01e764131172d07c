import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, runCli } from '../support/run-cli.js';
import { startPtyShell } from '../support/pty-shell.js';
import { expectNoSecrets } from './fixtures/cli-kit.js';

/**
 * Secrets in statements that do not parse — an unterminated value (the commonest typo), a bare
 * one, a double-quoted one — are redacted from the error excerpt and from the shell history,
 * and the error of a very large statement prints at once, with a bounded excerpt.
 */
const ENDPOINT = 'http://127.0.0.1:9/v1/chat/completions';

describe('secrets in malformed statements', () => {
  const cases: Array<[string, string, string]> = [
    // [how the value is written, the secret, the script]
    ['unterminated', 'sk-unterminated-0123456789', `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'='sk-unterminated-0123456789);`],
    ['unquoted', 'sk-bare-0123456789abc', `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'=sk-bare-0123456789abc);`],
    ['double-quoted', 'sk-dq-0123456789abc', `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'="sk-dq-0123456789abc");`],
    [
      'unterminated-then-more-statements',
      'sk-early-0123456789abc',
      `CREATE CONNECTION c WITH ('type'='openai', 'api-key'='sk-early-0123456789abc);\nCREATE CONNECTION d WITH ('type' = 'openai', 'api-key' = 'sk-later-0123456789');\nSELECT 1;`,
    ],
  ];

  for (const [name, secret, sql] of cases) {
    it(`-e: the ${name} secret is not printed`, async () => {
      const dir = freshDataDir();
      const run = await runCli(['--data-dir', dir, '--format', 'ndjson', '-e', sql]);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('LATERAL_ERR_PARSE_SYNTAX');
      expect(run.stderr).toMatch(/\n\s*\^+/);
      expectNoSecrets(run, [secret, 'sk-later-0123456789']);
    });
  }

  it('the shell keeps none of them in its history (a terminal session, which writes one)', async () => {
    const dir = freshDataDir();
    // [line typed, what the terminal shows once the shell has taken it]; the unterminated value
    // runs on over the next two lines (the shell waits for the statement's end) until "';" closes it.
    const lines: Array<[string, RegExp]> = [
      [`CREATE CONNECTION a WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'=sk-bare-0123456789abc);`, /LATERAL_ERR_PARSE_SYNTAX[\s\S]*lateral> $/],
      [`CREATE CONNECTION b WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'="sk-dq-0123456789abc");`, /LATERAL_ERR_PARSE_SYNTAX[\s\S]*lateral> $/],
      [`CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'='sk-unterminated-0123456789);`, /-> $/],
      ["SELECT 'x';", /-> $/],
      ["';", /LATERAL_ERR_PARSE_SYNTAX[\s\S]*lateral> $/],
      [`CREATE CONNECTION e WITH ('type'='openai', 'endpoint'='${ENDPOINT}?key=sk-in-url-0123456789', 'api-key'='sk-fine-0123456789');`, /created\.[\s\S]*lateral> $/],
      ['SELECT 2 AS two;', /"two":2[\s\S]*lateral> $/],
    ];
    const shell = await startPtyShell(['--data-dir', dir, '--format', 'ndjson']);
    try {
      await shell.waitFor('lateral> ');
      for (const [line, shown] of lines) {
        const mark = shell.output().length;
        shell.write(`${line}\r`);
        await shell.waitFor(shown, { from: mark });
      }
      shell.write('quit\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
    const secrets = ['sk-bare-0123456789abc', 'sk-dq-0123456789abc', 'sk-unterminated-0123456789', 'sk-in-url-0123456789', 'sk-fine-0123456789'];
    const history = readFileSync(join(dir, 'history'), 'utf8');
    expect(history).toContain('CREATE CONNECTION a');
    expect(history).toContain('CREATE CONNECTION c');
    expect(history).toContain('CREATE CONNECTION e');
    expect(history).toContain('SELECT 2 AS two;');
    for (const secret of secrets) expect(history).not.toContain(secret);
    expect(history).toContain("'api-key'=*****");
  });

  it('piped standard input (a script) writes no history at all', async () => {
    const dir = freshDataDir();
    const run = await runCli(['--data-dir', dir, '--format', 'ndjson'], {
      input: `CREATE CONNECTION a WITH ('type'='openai', 'endpoint'='${ENDPOINT}', 'api-key'='sk-piped-0123456789');\nSELECT 2 AS two;\n`,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"two":2');
    expectNoSecrets(run, ['sk-piped-0123456789']);
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });
});

describe('very large statements', () => {
  it('prints the error of a 320 KB JSON INSERT at once, with a bounded excerpt', async () => {
    const dir = freshDataDir();
    // SQL-escaped apostrophes in a long literal made the old redaction regex backtrack quadratically
    const documents = Array.from({ length: 5500 }, (_, i) => ({ id: i, note: `it''s row ${i}`, api_key: `sk-row-${i}` }));
    const json = JSON.stringify(documents);
    expect(json.length).toBeGreaterThan(250_000);
    const sql = `CREATE TABLE t (doc STRING);\nINSERT INTO t VALUES ('${json}', 'api-key' = 'sk-in-insert-0123456789');`;
    expect(sql.length).toBeGreaterThan(300_000);
    // one argument may not exceed 128 KB on Linux: the statement goes in a file
    const file = join(dir, 'big-insert.sql');
    writeFileSync(file, sql);
    const run = await runCli(['run', file, '--data-dir', dir, '--format', 'ndjson'], { timeoutMs: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/LATERAL_ERR_[A-Z_]+/);
    expect(run.stderr.length).toBeLessThan(3000);
    expectNoSecrets(run, ['sk-in-insert-0123456789']);
  });
});
