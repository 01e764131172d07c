import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir, ndjson, runCli } from '../support/run-cli.js';
import { startPtyShell, type PtyShell } from '../support/pty-shell.js';

const PROMPT = 'lateral> ';
const UP = '\x1b[A';

async function catalogDir(): Promise<string> {
  const dir = freshDataDir();
  const setup = await runCli([
    '--data-dir',
    dir,
    '-e',
    `CREATE CONNECTION reviews_conn WITH ('type'='openai', 'endpoint'='http://127.0.0.1:9/v1/chat/completions', 'api-key'='sk-terminal-0123456789');
     CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification', 'openai.connection'='reviews_conn');
     CREATE TABLE orders (id INT, review STRING);
     INSERT INTO orders VALUES (1, 'great'), (2, 'bad');`,
  ]);
  // Status messages (`Table `t` created.`) go to stderr: success is exit 0 and no coded error.
  expect(setup.stderr).not.toContain('LATERAL_ERR');
  expect(setup.code, setup.stderr).toBe(0);
  return dir;
}

/** Types `keys`, then waits until the terminal shows `expected` after that point. */
async function typeAndSee(shell: PtyShell, keys: string, expected: RegExp | string): Promise<string> {
  const mark = shell.output().length;
  shell.write(keys);
  return shell.waitFor(expected, { from: mark });
}

/** Empties the line (Ctrl-C at the prompt) and waits for the fresh prompt. */
async function clear(shell: PtyShell): Promise<void> {
  await typeAndSee(shell, '\x03', /\^C\nlateral> $/);
}

describe('the interactive shell under a terminal', () => {
  it('completes keywords, tables, columns, models, connections and option keys with Tab', async () => {
    const dir = await catalogDir();
    const shell = await startPtyShell(['--data-dir', dir]);
    try {
      await shell.waitFor(PROMPT);
      await typeAndSee(shell, 'SHOW MOD\t', 'SHOW MODELS');
      await clear(shell);
      await typeAndSee(shell, 'select * from ord\t', 'select * from orders');
      await typeAndSee(shell, ' where rev\t', 'where review');
      await clear(shell);
      await typeAndSee(shell, 'SELECT rev\t', 'SELECT review');
      await clear(shell);
      await typeAndSee(shell, "SELECT * FROM orders, LATERAL TABLE(ML_PREDICT('sent\t", "ML_PREDICT('sentiment");
      await clear(shell);
      await typeAndSee(shell, 'DROP CONNECTION rev\t', 'DROP CONNECTION reviews_conn');
      await clear(shell);
      await typeAndSee(shell, "CREATE CONNECTION c2 WITH ('type' = 'openai', 'api\t", "'api-key'");
      await clear(shell);
      // Continuation lines complete too: the first line gave the context.
      await typeAndSee(shell, "CREATE MODEL m2 INPUT (t STRING) OUTPUT (l STRING) WITH ('provider' = 'openai',\r", '-> ');
      await typeAndSee(shell, "'openai.conn\t", "'openai.connection'");
      await clear(shell);
      shell.write('\\q\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });

  it('recalls a multi-line statement as one history entry, in the session and after a restart, with secrets redacted', async () => {
    const dir = await catalogDir();
    const first = await startPtyShell(['--data-dir', dir, '--format', 'ndjson']);
    try {
      await first.waitFor(PROMPT);
      await typeAndSee(first, 'SELECT 1 AS id,\r', '-> ');
      await typeAndSee(first, "       'multi-line' AS text;\r", /"multi-line"[\s\S]*lateral> $/);
      await typeAndSee(first, "CREATE CONNECTION c3 WITH ('type'='openai', 'endpoint'='http://127.0.0.1:9/v1',\r", '-> ');
      await typeAndSee(first, "  'api-key' = 'sk-shell-secret-0123456789');\r", /created[\s\S]*lateral> $/i);
      // Up twice: the SELECT typed on two lines comes back as one entry.
      await typeAndSee(first, UP, 'CREATE CONNECTION c3');
      await typeAndSee(first, UP, "SELECT 1 AS id, 'multi-line' AS text;");
      const again = await typeAndSee(first, '\r', /"multi-line"[\s\S]*lateral> $/);
      expect(ndjson(again.split('\n').filter((line) => line.startsWith('{')).join('\n'))).toEqual([{ id: 1, text: 'multi-line' }]);
      await typeAndSee(first, 'exit\r', '');
      expect(await first.exited).toBe(0);
    } finally {
      first.kill();
    }
    const history = readFileSync(join(dir, 'history'), 'utf8');
    expect(history).toContain("SELECT 1 AS id, 'multi-line' AS text;");
    expect(history).not.toContain('sk-shell-secret-0123456789');

    const second = await startPtyShell(['--data-dir', dir, '--format', 'ndjson']);
    try {
      await second.waitFor(PROMPT);
      // Newest first: the SELECT run again, then the CREATE (its key masked), then the first SELECT.
      await typeAndSee(second, UP, "SELECT 1 AS id, 'multi-line' AS text;");
      await typeAndSee(second, UP, "CREATE CONNECTION c3 WITH ('type'='openai', 'endpoint'='http://127.0.0.1:9/v1', 'api-key' = '***");
      await clear(second);
      second.write('quit\r');
      expect(await second.exited).toBe(0);
    } finally {
      second.kill();
    }
  });

  it.each(['quit', 'exit', '\\q', 'QUIT;'])('leaves with %s, also in the middle of a statement', async (word) => {
    const dir = freshDataDir();
    const shell = await startPtyShell(['--data-dir', dir]);
    try {
      await shell.waitFor(PROMPT);
      await typeAndSee(shell, 'SELECT 1 AS a,\r', '-> ');
      shell.write(`${word}\r`);
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });

  it('clears the line on Ctrl-C at the prompt, and Ctrl-D leaves', async () => {
    const dir = freshDataDir();
    const shell = await startPtyShell(['--data-dir', dir, '--format', 'csv']);
    try {
      await shell.waitFor(PROMPT);
      await typeAndSee(shell, 'SELECT no such thing', 'no such thing');
      await clear(shell);
      const answer = await typeAndSee(shell, 'SELECT 2 AS b;\r', /b\n2\nlateral> $/);
      expect(answer).not.toContain('LATERAL_ERR');
      shell.write('\x04');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });

  it('switches the output format with \\format (and .mode) and expanded display with \\x', async () => {
    const dir = await catalogDir();
    const shell = await startPtyShell(['--data-dir', dir]);
    try {
      await shell.waitFor(PROMPT);
      await typeAndSee(shell, '\\format csv\r', 'Output format is csv.');
      await typeAndSee(shell, 'SELECT id, review FROM orders;\r', /id,review\n1,great\n2,bad\nlateral> $/);
      await typeAndSee(shell, '.mode jsonlines\r', 'Output format is ndjson.');
      await typeAndSee(shell, 'SELECT id FROM orders WHERE id = 2;\r', /\{"id":2\}\nlateral> $/);
      await typeAndSee(shell, '\\format yaml\r', "unknown output format 'yaml'");
      await typeAndSee(shell, '\\x\r', 'Expanded display is on.');
      await typeAndSee(shell, '\\x off\r', 'Expanded display is off.');
      await typeAndSee(shell, '\\?\r', '\\format');
      await typeAndSee(shell, '\\nope\r', 'unknown shell command \\nope');
      shell.write('\\q\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });
});

describe('the shell with piped input', () => {
  it('writes no history and leaves an existing one as it was', async () => {
    const dir = freshDataDir();
    const run = await runCli(['--data-dir', dir, '--format', 'ndjson'], { input: 'SELECT 1 AS a;\nSELECT 2 AS b;\n' });
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(existsSync(join(dir, 'history'))).toBe(false);
  });

  it('cuts an overgrown history file back when a terminal session starts', async () => {
    const dir = freshDataDir();
    const path = join(dir, 'history');
    writeFileSync(path, Array.from({ length: 5000 }, (_, i) => `SELECT ${i} AS n;\n`).join(''));
    const shell = await startPtyShell(['--data-dir', dir]);
    try {
      await shell.waitFor(PROMPT);
      await typeAndSee(shell, UP, 'SELECT 4999 AS n;');
      await clear(shell);
      shell.write('\\q\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBe(1000);
    expect(lines.at(-1)).toBe('SELECT 4999 AS n;');
    expect(statSync(path).size).toBeLessThan(30_000);
  });
});
