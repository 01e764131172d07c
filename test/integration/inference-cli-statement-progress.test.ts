import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLateralContainer, openLateralContainer, STREAMS } from '../../packages/cli/src/lateral-session.js';
import { startProgressReporting, type ProgressHandle } from '../../packages/cli/src/progress/progress-line.js';
import { ScriptRunner } from '../../packages/cli/src/script-runner.js';
import { openAIReplies, startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { freshDataDir } from '../support/run-cli.js';

/** A chat completion answer with exactly these usage fields (the fake's shape). */
function answer(label: string, promptTokens: number, completionTokens: number) {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-progress',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: label, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    },
  };
}

/** One ordered log of what a terminal would receive from both streams. */
function terminal() {
  const writes: Array<{ stream: 'out' | 'err'; text: string }> = [];
  const make = (name: 'out' | 'err') => {
    const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    stream.isTTY = true;
    stream.columns = 160;
    stream.on('data', (chunk: Buffer) => writes.push({ stream: name, text: chunk.toString() }));
    return stream;
  };
  return { stdout: make('out'), stderr: make('err'), writes };
}

let fake: OpenAIFake;
let scope: Awaited<ReturnType<typeof openLateralContainer>>;
let screen: ReturnType<typeof terminal>;
let progress: ProgressHandle;
let runner: ScriptRunner;

beforeAll(async () => {
  fake = await startOpenAIFake({ latencyMs: 30 });
  const dataDir = freshDataDir();
  scope = await openLateralContainer({ format: 'ndjson', dataDir, execution: 'in-process', progress: true }, { ...process.env, LATERAL_HOME: dataDir });
  screen = terminal();
  scope.registerInstance(STREAMS, { stdout: screen.stdout, stderr: screen.stderr });
  runner = scope.resolve(ScriptRunner);
  const setup = await runner.run(
    `CREATE CONNECTION c WITH ('type'='openai', 'endpoint'='${fake.chatUrl}', 'api-key'='${fake.apiKey}');
     CREATE CONNECTION slow WITH ('type'='openai', 'endpoint'='${fake.chatUrl}', 'api-key'='${fake.apiKey}', 'requests-per-minute'='60');
     CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification', 'openai.connection'='c');
     CREATE MODEL paced INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification', 'openai.connection'='slow');
     CREATE TABLE t (id INT, text STRING);
     INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');`,
    '<setup>',
  );
  expect(setup.ok).toBe(true);
  progress = startProgressReporting(scope, screen.stderr as unknown as NodeJS.WriteStream, { refreshMs: 5 });
});

afterAll(async () => {
  progress?.();
  await closeLateralContainer(scope);
  await fake.close();
});

const ONE_AT_A_TIME = "MAP['max_batch_size', 1, 'max_parallelism', 1]";

function stderrSince(mark: number): string {
  return screen.writes.slice(mark).filter((write) => write.stream === 'err').map((write) => write.text).join('');
}

/** The summary lines: what is left on each line once the live line has been cleared (`ESC[2K`). */
function summaries(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.split('\x1b[2K').at(-1)!)
    .filter((line) => / rows?, \d+ requests?, /.test(line));
}

describe('per-statement progress against the OpenAI fake', () => {
  it('summarises each statement on its own: rows, requests, retries, 429s, tokens from the usage fields, latency', async () => {
    let mark = screen.writes.length;
    fake.queue.push(openAIReplies.rateLimited({ retryAfterSeconds: 0, tryAgainIn: '0s' }), answer('POSITIVE', 7, 2), answer('POSITIVE', 7, 2), answer('NEGATIVE', 7, 2), answer('NEGATIVE', 7, 2));
    const first = await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, ${ONE_AT_A_TIME}));`, '<test>');
    expect(first.ok).toBe(true);
    progress.flush();
    const [summary, ...more] = summaries(stderrSince(mark));
    expect(more).toEqual([]);
    expect(summary).toMatch(/^lateral: 4 rows, 5 requests, 1 retry, 1 × 429, 28 input \/ 8 output tokens, latency p50 \d+ ms p99 \d+ ms, [\d.]+ s$/);

    mark = screen.writes.length;
    fake.queue.push(answer('POSITIVE', 11, 3), answer('POSITIVE', 11, 3));
    const second = await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, ${ONE_AT_A_TIME})) WHERE id <= 2;`, '<test>');
    expect(second.ok).toBe(true);
    progress.flush();
    // Counters start again at zero for each statement.
    expect(summaries(stderrSince(mark))).toEqual([expect.stringMatching(/^lateral: 2 rows, 2 requests, 0 retries, 0 × 429, 22 input \/ 6 output tokens, /)]);

    mark = screen.writes.length;
    expect((await runner.run('SELECT 1 AS a;', '<test>')).ok).toBe(true);
    progress.flush();
    expect(stderrSince(mark)).toBe('');
  });

  it('shows the line from the first request, clears it before rows print, and leaves nothing drawn after the statement', async () => {
    const mark = screen.writes.length;
    const result = await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, ${ONE_AT_A_TIME}));`, '<test>');
    expect(result.ok).toBe(true);
    const writes = screen.writes.slice(mark);
    const firstRow = writes.findIndex((write) => write.stream === 'out');
    expect(firstRow).toBeGreaterThan(0);
    // Drawn before any answer was written out...
    expect(writes.slice(0, firstRow).some((write) => write.text.includes('lateral: 0 rows') || write.text.includes('in flight'))).toBe(true);
    // ...and every row is written on a cleared line: the last stderr write before it clears.
    writes.forEach((write, index) => {
      if (write.stream !== 'out') return;
      const lastErr = writes.slice(0, index).filter((earlier) => earlier.stream === 'err').at(-1);
      if (lastErr) expect(lastErr.text).toMatch(/\x1b\[2K$|\n$/);
    });
    // The table's 4 rows are the total: count, percentage and ETA.
    expect(writes.map((write) => write.text).join('')).toMatch(/lateral: \d\/4 rows \(\d+%\) \| [\d.]+ rows\/s \| ETA /);
    const tail = writes.filter((write) => write.stream === 'err').at(-1)!;
    expect(tail.text).toMatch(/\x1b\[2K$/);
    progress.flush();
  });

  it('knows the total under a LIMIT, and not under a WHERE', async () => {
    let mark = screen.writes.length;
    expect((await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, ${ONE_AT_A_TIME})) LIMIT 2;`, '<test>')).ok).toBe(true);
    progress.flush();
    expect(stderrSince(mark)).toMatch(/\d\/2 rows \(/);
    mark = screen.writes.length;
    expect((await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, ${ONE_AT_A_TIME})) WHERE id > 1;`, '<test>')).ok).toBe(true);
    progress.flush();
    expect(stderrSince(mark)).toContain('in flight');
    expect(stderrSince(mark)).not.toMatch(/\d\/\d+ rows/);
  });

  it('says when it waits on the rate limit', async () => {
    const mark = screen.writes.length;
    const result = await runner.run(`SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('paced', text, ${ONE_AT_A_TIME})) WHERE id <= 2;`, '<test>');
    expect(result.ok).toBe(true);
    progress.flush();
    expect(stderrSince(mark)).toContain('| waiting for rate limit');
    expect(summaries(stderrSince(mark))).toEqual([expect.stringMatching(/^lateral: 2 rows, 2 requests, /)]);
  });
});
