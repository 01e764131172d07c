import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The benchmark fake (benchmarks/fake-server/fake-server.mjs) in its own process, as run-all.mjs
 * starts it: its token bucket, fault injection, auth and counters behave. Counts only, never time:
 * the bucket refills one request per 100 s, far longer than the test runs.
 */
const SERVER = fileURLToPath(new URL('../../benchmarks/fake-server/fake-server.mjs', import.meta.url));
const KEY = 'sk-bench-test-0123456789';

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [SERVER, '--api-key', KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fake exited with ${code}`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
});

afterAll(() => {
  child.kill('SIGTERM');
});

async function reset(config: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/__reset`, { method: 'POST', body: JSON.stringify(config), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
}

async function stats(ids = 0): Promise<Record<string, any>> {
  return (await (await fetch(`${url}/__stats${ids ? `?ids=${ids}` : ''}`)).json()) as Record<string, any>;
}

function chat(text: string, key = KEY): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] }),
  });
}

describe('benchmark fake server', () => {
  it('lets a burst of `burst` requests through, then answers 429 with OpenAI headers and body', async () => {
    await reset({ rate: 0.01, burst: 5, retryAfter: 'both' });
    const replies = [];
    for (let i = 0; i < 8; i += 1) replies.push(await chat(`#${i} I love it`));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(replies.slice(0, 5).map((r) => r.headers.get('x-ratelimit-remaining-requests'))).toEqual(['4', '3', '2', '1', '0']);
    const limited = replies[5]!;
    expect(limited.headers.get('x-ratelimit-limit-requests')).toBe('5');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?(ms|s)$|^\d+m[\d.]+s$/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after-ms'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded', param: null } });
    const counted = await stats(8);
    expect(counted).toMatchObject({ requests: 8, ok: 5, http429: 3 });
    expect(counted.ids).toMatchObject({ missingCount: 3, missing: [5, 6, 7], duplicatedIds: 0 });
  });

  it('sends no retry hint beyond x-ratelimit-* unless asked', async () => {
    await reset({ rate: 0.01, burst: 1 });
    await chat('#0 fine');
    const limited = await chat('#1 fine');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('retry-after-ms')).toBeNull();
  });

  it('injects retryable faults at the configured share, the same ones for the same seed', async () => {
    const statuses = async (): Promise<number[]> => {
      await reset({ faultRate: 0.2, seed: 3 });
      const seen: number[] = [];
      for (let i = 0; i < 100; i += 1) seen.push((await chat(`#${i} ok`)).status);
      return seen;
    };
    const first = await statuses();
    const faults = first.filter((status) => status !== 200);
    expect(faults.length).toBeGreaterThan(5);
    expect(faults.length).toBeLessThan(40);
    expect(new Set(faults)).toEqual(new Set([500, 503]));
    expect((await stats()).faults).toBe(faults.length);
    expect(await statuses()).toEqual(first);
    await reset({});
    for (let i = 0; i < 20; i += 1) expect((await chat(`#${i} ok`)).status).toBe(200);
  });

  it('checks the key and the body like the real API, and counts duplicates by row id', async () => {
    await reset({});
    const wrong = await chat('#1 x', 'sk-wrong-key-123456');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    const noMessages = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini' }),
    });
    expect(noMessages.status).toBe(400);
    const embeddings = await fetch(`${url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: ['#2 a', '#3 b', '#2 a'] }),
    });
    expect(embeddings.status).toBe(200);
    const body = (await embeddings.json()) as { data: Array<{ index: number; embedding: number[] }> };
    expect(body.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(body.data[0]!.embedding).toEqual(body.data[2]!.embedding);
    expect(await stats(4)).toMatchObject({ authFailures: 1, badRequests: 1, embeddingRows: 3, maxRowsPerRequest: 3, duplicatedIds: 1, ids: { missing: [0, 1] } });
  });
});
