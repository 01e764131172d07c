import { describe, expect, it } from 'vitest';
import {
  PluginRegistry,
  ProviderCallError,
  builtinFormatsPlugin,
  invokeOnce,
  maskAndTruncate,
  maskSecrets,
  prepareInvocation,
  type DataType,
  type ProviderV1,
  type ResolvedModel,
  type TransportRequest,
  type TransportResponse,
} from '@lateral/core';

describe('maskSecrets', () => {
  it('replaces every occurrence with a fixed mask, longest secret first, and leaves short ones', () => {
    expect(maskSecrets('key sk-abcdef and sk-abcdef-long, not abc', ['sk-abcdef', 'sk-abcdef-long', 'abc'])).toBe('key ***** and *****, not abc');
  });

  it('masks the JSON-escaped form of a secret holding a quote or a backslash', () => {
    const secret = 'p@ss"w\\rd';
    const echoed = JSON.stringify({ error: { message: `bad key ${secret}` } });
    expect(echoed).toContain('p@ss\\"w\\\\rd');
    const masked = maskSecrets(echoed, [secret]);
    expect(masked).not.toContain('p@ss');
    expect(masked).toContain('*****');
  });

  it('masks \\u-escaped (ASCII-only JSON) and URL-encoded forms', () => {
    const secret = 'clé secrète/1';
    const asciiJson = JSON.stringify(secret).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const text = `a ${asciiJson} b ${encodeURIComponent(secret)} c ${new URLSearchParams({ q: secret }).toString()}`;
    const masked = maskSecrets(text, [secret]);
    expect(masked).not.toMatch(/cl|secr/);
  });

  it('keeps linear time on large texts with many secrets (a quadratic mask would take minutes)', () => {
    const secrets = Array.from({ length: 5000 }, (_, i) => `input string number ${i} with some words`);
    const text = `${'x'.repeat(5_000_000)} ${secrets.join(' | ')}`;
    const masked = maskSecrets(text, secrets);
    expect(masked.endsWith('***** | *****')).toBe(true);
    expect(maskAndTruncate(text, secrets, 100)).toBe(`${'x'.repeat(100)}…(truncated)`);
  });

  it('finds the longest secret among many that share a prefix, and the short ones among them', () => {
    const template = 'Classify the sentiment: ';
    const secrets = [...Array.from({ length: 50 }, (_, i) => `${template}review ${i}`), 'Clas', 'Classify', 'Classify the sentiment: rev'];
    expect(maskSecrets(`[${template}review 42] [${template}review 7x] [Classify it] [Clasp] [${template}rev!]`, secrets)).toBe('[*****] [*****x] [***** it] [*****p] [*****!]');
  });

  it('truncates after masking, so a secret across the cut is not half shown', () => {
    const secret = 'sk-0123456789';
    expect(maskAndTruncate(`${'a'.repeat(8)}${secret}tail`, [secret], 10)).toBe(`${'a'.repeat(8)}**…(truncated)`);
  });
});

const STRING: DataType = { kind: 'STRING', nullable: true };

describe('what a failed call keeps', () => {
  function model(input: ResolvedModel['input']): ResolvedModel {
    return {
      name: 'm',
      version: 1,
      providerId: 'echo',
      task: 'classification',
      input,
      output: [{ name: 'label', dataType: STRING }],
      inputFormat: { id: 'JSON' },
      outputFormat: { id: 'JSON' },
      params: {},
      providerOptions: {},
    };
  }

  /** A provider whose answer is a 400 that quotes the whole request, headers included, as some gateways do. */
  function echoingRegistry(derivedSecret?: string): PluginRegistry {
    const provider: ProviderV1 = {
      specificationVersion: 'v1',
      id: 'echo',
      connectionTypes: [],
      requiresConnection: false,
      connectionSchemas: [],
      modelOptions: [],
      defaultInputFormat: () => 'JSON',
      createTransport: () => ({
        async send(request: TransportRequest): Promise<TransportResponse> {
          const headers = { ...request.headers };
          if (derivedSecret) {
            headers.authorization = `Bearer ${derivedSecret}`;
            request.secrets?.add(derivedSecret);
          }
          const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
          const echo = JSON.stringify({ error: { message: `rejected request ${body}`, headers } });
          return { status: derivedSecret ? 401 : 400, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(echo) };
        },
      }),
    };
    const plugins = new PluginRegistry();
    plugins.registerPlugin(builtinFormatsPlugin);
    plugins.registerProvider(provider);
    return plugins;
  }

  async function failureOf(plugins: PluginRegistry, resolved: ResolvedModel, rows: unknown[][]): Promise<ProviderCallError> {
    const error = await invokeOnce(prepareInvocation(plugins, resolved, {}), rows as never).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    return error as ProviderCallError;
  }

  it('masks strings nested in ARRAY, MAP and ROW inputs', async () => {
    const resolved = model([
      { name: 'tags', dataType: { kind: 'ARRAY', element: STRING, nullable: true } },
      { name: 'attrs', dataType: { kind: 'MAP', key: STRING, value: STRING, nullable: true } },
      { name: 'person', dataType: { kind: 'ROW', fields: [{ name: 'name', dataType: STRING }], nullable: true } },
    ]);
    const error = await failureOf(echoingRegistry(), resolved, [[['private tag'], { attr: 'private value' }, { name: 'Private Person' }]]);
    const kept = `${error.message}\n${error.maskedBody}`;
    expect(kept).toContain('rejected request');
    for (const text of ['private tag', 'private value', 'Private Person']) expect(kept).not.toContain(text);
  });

  it('masks a credential the transport derived (an OAuth token) and registered with the call', async () => {
    const token = 'ya29.a0AfB_derived-access-token';
    const error = await failureOf(echoingRegistry(token), model([{ name: 'text', dataType: STRING }]), [['hello there']]);
    expect(error.status).toBe(401);
    const kept = `${error.message}\n${error.maskedBody}`;
    expect(kept).toContain('Bearer *****');
    expect(kept).not.toContain('ya29');
  });
});

describe('a task that fails before its request', () => {
  it('masks the connection secrets out of a Lateral error quoting the endpoint', async () => {
    const { runInferenceTask } = await import('../src/inference/inference-task-handler.js');
    const { LateralError } = await import('@lateral/core');
    const endpoint = 'https://x.example/run?key=url-secret-0123456789';
    const task = {
      sessionId: 's',
      model: {
        name: 'm',
        version: 1,
        providerId: 'x',
        task: 'classification' as const,
        input: [{ name: 'text', dataType: STRING }],
        output: [{ name: 'label', dataType: STRING }],
        inputFormat: { id: 'JSON' },
        outputFormat: { id: 'JSON' },
        params: {},
        providerOptions: {},
        connection: { name: 'c', type: 'x', endpoint, options: {}, secrets: { 'endpoint.query.0': 'url-secret-0123456789' } },
      },
      modelKey: 'k',
      rows: [['hello there']],
      attempt: 0,
      timeoutMs: 1000,
      carrier: {},
      preciseTokens: false,
    };
    const source = {
      invocationFor: () => Promise.reject(new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: `x: expected …/invocations, got ${endpoint}` })),
    };
    const outcome = await runInferenceTask(source, task, new AbortController().signal);
    expect(outcome.ok).toBe(false);
    const text = JSON.stringify(outcome);
    expect(text).toContain('got https://x.example/run?key=*****');
    expect(text).not.toContain('url-secret');
  });
});

describe('maskSecrets on secrets sharing a very long prefix', () => {
  it('builds its index without recursion (no stack overflow) and still masks each', () => {
    const prefix = 'p'.repeat(2_000_000);
    const secrets = Array.from({ length: 12 }, (_, i) => `${prefix}${i}-end`);
    const masked = maskSecrets(`[${secrets[3]}] [${secrets[11]}]`, secrets);
    expect(masked).toBe('[*****] [*****]');
  });
});
