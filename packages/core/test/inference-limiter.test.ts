import { afterEach, describe, expect, it } from 'vitest';
import { EndpointLimiter } from '../src/inference/pacing/pacing-endpoint-limiter.js';
import { LimiterRegistry } from '../src/inference/pacing/pacing-limiter-registry.js';
import { echoModel } from './inference-fixture-server.js';

const limiters: EndpointLimiter[] = [];
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((limiter) => limiter.close()));
});

function limiter(limits: { requestsPerMinute?: number; tokensPerMinute?: number }): EndpointLimiter {
  const created = new EndpointLimiter('test', limits);
  limiters.push(created);
  return created;
}

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('endpoint limiter', () => {
  it('holds a request whose tokens exceed what the declared tokens-per-minute has left, and lets an abort end the wait', async () => {
    // 600 tokens per minute: a burst of 100 tokens, refilled at about 2.5 tokens every 250 ms.
    const endpoint = limiter({ tokensPerMinute: 600 });
    endpoint.acquire(10);
    const abort = new AbortController();
    const started: number[] = [];
    const runs = [0, 1, 2].map((index) =>
      endpoint.schedule(abort.signal, 60, async () => {
        started.push(index);
        return index;
      }),
    );
    await expect(runs[0]).resolves.toBe(0);
    await settle();
    expect(started).toEqual([0]);
    abort.abort();
    await expect(runs[1]).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED' });
    await expect(runs[2]).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED' });
    expect(started).toEqual([0]);
  });

  it('lets no request start while paused by a 429 hint, and none after an abort', async () => {
    const endpoint = limiter({});
    endpoint.acquire(4);
    const abort = new AbortController();
    endpoint.noteFailure(endpoint.controller.noteDispatch(), 429, 60_000);
    let started = 0;
    const run = endpoint.schedule(abort.signal, 0, async () => (started += 1));
    await settle();
    expect(started).toBe(0);
    abort.abort();
    await expect(run).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED' });
    expect(started).toBe(0);
  });

  it('caps concurrency at the largest max_parallelism of the sessions using it', async () => {
    const endpoint = limiter({ requestsPerMinute: 6_000_000 });
    const release = [endpoint.acquire(2), endpoint.acquire(3)];
    let running = 0;
    let most = 0;
    const signal = new AbortController().signal;
    const jobs = [...Array(12).keys()].map(() =>
      endpoint.schedule(signal, 0, async () => {
        running += 1;
        most = Math.max(most, running);
        await settle(10);
        running -= 1;
      }),
    );
    await Promise.all(jobs);
    expect(most).toBe(3);
    release.forEach((handle) => handle());
  });
});

describe('endpoint limiter recovering from 429s', () => {
  it('lets requests that reserved slots at a slow rate start again as soon as the rate recovers', async () => {
    let fakeNow = 1_000_000;
    const endpoint = new EndpointLimiter('recovering', {}, () => fakeNow);
    limiters.push(endpoint);
    endpoint.acquire(4);
    // One success in 50 s, then a 429: the rate becomes what was accepted, one request per 50 s.
    endpoint.noteSuccess(endpoint.controller.noteDispatch(), {});
    fakeNow += 50_000;
    endpoint.noteFailure(endpoint.controller.noteDispatch(), 429, 0);
    expect(endpoint.controller.learnedRate).toBeCloseTo(1 / 50);
    const signal = new AbortController().signal;
    const started: number[] = [];
    const jobs = [0, 1, 2].map((index) => endpoint.schedule(signal, 0, async () => void started.push(index)));
    await settle();
    // The first starts; the others hold slots 50 s and 100 s away.
    expect(started).toEqual([0]);
    // 429s stop: successes probe the rate upward, and the waiting requests reserve again.
    for (let success = 0; success < 16; success += 1) {
      fakeNow += 300;
      endpoint.noteSuccess(fakeNow, {});
    }
    expect(endpoint.controller.learnedRate).toBeGreaterThan(2);
    await Promise.all(jobs);
    expect(started).toEqual([0, 1, 2]);
  }, 10_000);
});

describe('limiter registry', () => {
  it('shares one limiter per endpoint and applies the latest declared limits', async () => {
    const registry = new LimiterRegistry();
    const model = echoModel('http://127.0.0.1:9');
    const first = registry.forModel(model);
    const again = registry.forModel({ ...model, name: 'other', providerOptions: { requests_per_minute: '60' } });
    expect(again).toBe(first);
    expect(first.controller.settings().minTimeMs).toBeGreaterThan(1000);
    expect(registry.forModel(echoModel('http://127.0.0.1:10'))).not.toBe(first);
    await registry.close();
  });
});
