import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { CLI_BIN, freshDataDir, REPO_ROOT, runCli } from '../support/run-cli.js';

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake({ latencyMs: 200 });
});
afterAll(() => fake.close());

function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('condition not met in time'));
      }
    }, 20);
  });
}

describe.each(['in-process', 'pool'])('Ctrl-C during a run (%s)', (execution) => {
  it('stops sending requests and exits cleanly with 130', async () => {
    const dir = freshDataDir();
    const values = Array.from({ length: 200 }, (_, i) => `(${i}, 'row ${i}')`).join(', ');
    const setup = await runCli([
      '--data-dir',
      dir,
      '-e',
      `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${fake.chatUrl}', 'api-key'='${fake.apiKey}');
       CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification', 'openai.connection'='c');
       CREATE TABLE t (id INT, text STRING);
       INSERT INTO t VALUES ${values};`,
    ]);
    expect(setup.code).toBe(0);

    const before = fake.requests.length;
    const child = spawn(
      process.execPath,
      [CLI_BIN, '--data-dir', dir, '--format', 'ndjson', '--execution', execution, '-e',
        "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, MAP['max_parallelism', 2]));"],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    await waitFor(() => fake.requests.length - before >= 4);
    child.kill('SIGINT');
    const code = await exited;
    const atExit = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(code).toBe(130);
    expect(stderr).toContain('LATERAL_ERR_ABORTED');
    expect(stderr).not.toContain('LATERAL_ERR_INTERNAL');
    // No request after the process ended, and far fewer than the 200 rows were sent.
    expect(fake.requests.length).toBe(atExit);
    expect(atExit - before).toBeLessThan(50);
  });
});
