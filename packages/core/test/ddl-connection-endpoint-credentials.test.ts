import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLateralError, type Engine } from '@lateral/core';
import { joinEndpointCredentials, splitEndpointCredentials } from '../src/options/endpoint-credentials.js';
import { failureOf, messageOf, openEngine, rowsOf, temporaryDataDir } from './engine-test-kit.js';
import { storedDocuments } from './store-test-kit.js';

let dir: string;
let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
});
afterEach(async () => {
  await cleanup();
});

const URL_KEY = 'AIzaSyURL-KEY-abc123';
const PASSWORD = 'hunter2-password';
const ENDPOINT = `https://svc:${PASSWORD}@api.example.com/v1/chat/completions?alt=json&key=${URL_KEY}&code=az-func-code-1`;

describe('credentials in endpoint URLs', () => {
  it('are stored with the secrets, not in the catalog, and the full URL is rebuilt for a call', async () => {
    await messageOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = '${ENDPOINT}', 'api-key' = 'sk-test-0001')`);
    const stored = storedDocuments(dir);
    expect(stored.catalog).toContain('api.example.com');
    for (const secret of [URL_KEY, PASSWORD, 'az-func-code-1']) {
      expect(stored.catalog).not.toContain(secret);
      expect(stored.secrets).toContain(secret);
    }
    expect(engine.catalog.getConnection('c')?.endpoint).toBe('https://*****@api.example.com/v1/chat/completions?alt=json&key=*****&code=*****');
    const resolved = engine.catalog.resolveConnection('c', {});
    expect(resolved.endpoint).toBe(ENDPOINT);
    expect(Object.values(resolved.secrets)).toEqual(expect.arrayContaining([URL_KEY, `svc:${PASSWORD}`, 'az-func-code-1']));
  });

  it('are shown as ***** by DESCRIBE and SHOW CREATE', async () => {
    await messageOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = '${ENDPOINT}', 'api-key' = 'sk-test-0001')`);
    const described = JSON.stringify(await rowsOf(engine, 'DESCRIBE CONNECTION c'));
    const [[created]] = (await rowsOf(engine, 'SHOW CREATE CONNECTION c')) as [[string]];
    for (const text of [described, created]) {
      for (const secret of [URL_KEY, PASSWORD, 'az-func-code-1', 'svc:']) expect(text).not.toContain(secret);
    }
    expect(created).toContain("'endpoint' = 'https://*****@api.example.com/v1/chat/completions?alt=json&key=*****&code=*****'");
    expect(created).not.toContain('endpoint.');
  });

  it('survive an ALTER that leaves the endpoint, and go when a new endpoint has none', async () => {
    await messageOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = '${ENDPOINT}', 'api-key' = 'sk-test-0001')`);
    await messageOf(engine, `ALTER CONNECTION c SET ('api-key' = 'sk-test-0002')`);
    expect(engine.catalog.resolveConnection('c', {}).endpoint).toBe(ENDPOINT);
    await messageOf(engine, `ALTER CONNECTION c SET ('endpoint' = 'https://api.example.com/v2?key=new-url-key-999')`);
    const resolved = engine.catalog.resolveConnection('c', {});
    expect(resolved.endpoint).toBe('https://api.example.com/v2?key=new-url-key-999');
    expect(Object.values(resolved.secrets)).not.toContain(URL_KEY);
    const stored = storedDocuments(dir);
    expect(stored.secrets).toContain('new-url-key-999');
    expect(stored.secrets).not.toContain(URL_KEY);
    expect(stored.catalog).not.toContain('new-url-key-999');
  });

  it('leave ${env:…} references in place and keep a URL without credentials as it is', () => {
    expect(splitEndpointCredentials('https://h/p?key=${env:GKEY}&x=1')).toEqual({ endpoint: 'https://h/p?key=${env:GKEY}&x=1', secrets: {} });
    expect(splitEndpointCredentials('https://h/p?alt=sse')).toEqual({ endpoint: 'https://h/p?alt=sse', secrets: {} });
    const split = splitEndpointCredentials('https://h/p?KEY=a1&Sig=b2&api_key=c3');
    expect(split.endpoint).toBe('https://h/p?KEY=*****&Sig=*****&api_key=*****');
    expect(joinEndpointCredentials(split.endpoint, split.secrets)).toBe('https://h/p?KEY=a1&Sig=b2&api_key=c3');
  });
});

describe('messages that quote an endpoint', () => {
  it('show its credentials as *****', async () => {
    const failure = await failureOf(engine, `CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'not a url?key=${URL_KEY}', 'api-key' = 'sk-test-0001')`);
    const text = formatLateralError(failure, 'x.sql');
    expect(text).toContain("'not a url?key=*****' is not a URL");
    expect(text).not.toContain(URL_KEY);
  });
});
