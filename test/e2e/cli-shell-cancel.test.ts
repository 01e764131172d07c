import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { CLI_BIN, freshDataDir, REPO_ROOT, runCli } from '../support/run-cli.js';
import { startPtyShell } from '../support/pty-shell.js';

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ latencyMs: 200 });
});
afterAll(() => fake.close());

const PROMPT = 'lateral> ';
const SLOW_QUERY = "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, MAP['max_parallelism', 2]));\r";

async function dataDirWithSlowModel(): Promise<string> {
  const dir = freshDataDir();
  const values = Array.from({ length: 300 }, (_, i) => `(${i}, 'row ${i}')`).join(', ');
  const setup = await runCli([
    '--data-dir',
    dir,
    '-e',
    `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${fake.chatUrl}', 'api-key'='${fake.apiKey}');
     CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification', 'openai.connection'='c');
     CREATE TABLE t (id INT, text STRING);
     CREATE TABLE labelled (id INT, label STRING);
     INSERT INTO t VALUES ${values};`,
  ]);
  // Status messages (`Table `t` created.`) go to stderr: success is exit 0 and no coded error.
  expect(setup.stderr).not.toContain('LATERAL_ERR');
  expect(setup.code, setup.stderr).toBe(0);
  return dir;
}

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['Ctrl-C', (shell: { write(keys: string): void }) => shell.write('\x03')],
  ['kill -INT', (shell: { pid: number }) => process.kill(shell.pid, 'SIGINT')],
])('the interactive shell under a terminal: %s while a statement runs', (_name, interrupt) => {
  it('cancels the statement, stops the paid calls and returns to a working prompt', async () => {
    const dir = await dataDirWithSlowModel();
    const shell = await startPtyShell(['--data-dir', dir, '--execution', 'in-process']);
    try {
      await shell.waitFor(PROMPT);
      const before = fake.requests.length;
      shell.write(SLOW_QUERY);
      await waitUntil(() => fake.requests.length - before >= 4);
      const mark = shell.output().length;
      interrupt(shell as never);
      await shell.waitFor(/cancelled[\s\S]*lateral> $/, { from: mark });
      const atPrompt = fake.requests.length;
      const shownAtPrompt = shell.output();
      await settle(600);
      // Nothing is redrawn under the prompt once the statement is over (no progress line, no summary).
      expect(shell.output()).toBe(shownAtPrompt);
      // At most the requests already on the wire when Ctrl-C came; none started after.
      expect(fake.requests.length - atPrompt).toBeLessThanOrEqual(2);
      expect(atPrompt - before).toBeLessThan(60);

      const next = shell.output().length;
      shell.write('SELECT 1 AS a;\r');
      await shell.waitFor(/1 row in set[\s\S]*lateral> $/, { from: next });
      shell.write('quit\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });
});

describe('the interactive shell under a terminal: Ctrl-C during an INSERT', () => {
  it('keeps none of the rows the cancelled INSERT wrote', async () => {
    const dir = await dataDirWithSlowModel();
    const shell = await startPtyShell(['--data-dir', dir, '--format', 'csv']);
    try {
      await shell.waitFor(PROMPT);
      const before = fake.requests.length;
      shell.write("INSERT INTO labelled SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, MAP['max_parallelism', 2]));\r");
      await waitUntil(() => fake.requests.length - before >= 6);
      const mark = shell.output().length;
      shell.write('\x03');
      await shell.waitFor(/cancelled[\s\S]*lateral> $/, { from: mark });
      const next = shell.output().length;
      shell.write('SELECT id FROM labelled;\r');
      // csv: the header and no row.
      await shell.waitFor(/SELECT id FROM labelled;\nid\nlateral> $/, { from: next });
      shell.write('\\q\r');
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });
});

describe('piped input (run as a script): SIGINT', () => {
  it('stops the running statement, runs nothing after it and exits with 130', async () => {
    const dir = await dataDirWithSlowModel();
    const before = fake.requests.length;
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, '--format', 'ndjson'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Piped standard input is a script: it runs once the input has ended.
    child.stdin.end(`${SLOW_QUERY.trim()}\nSELECT 'after' AS marker;\n`);
    await waitUntil(() => fake.requests.length - before >= 4);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('LATERAL_ERR_ABORTED');
    expect(stdout).not.toContain('after');
  });
});
