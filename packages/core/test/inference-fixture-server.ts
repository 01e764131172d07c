import { setTimeout as sleep } from 'node:timers/promises';
import { startHttpFake, type FakeReply, type HttpFake, type RecordedRequest } from '../../../test/fakes/http-fake.js';
import type { ResolvedModel } from '@lateral/spec';
import { TEST_FORMAT_ID, TEST_PROVIDER_ID } from './inference-fixture-provider.js';

export const TEST_API_KEY = 'sk-test-SECRET-4242-abcdef';

export interface ArrivedRequest {
  at: number;
  inputs: string[];
  headers: Record<string, string>;
}

export interface EchoFakeOptions {
  /** Milliseconds before answering one request (may be random). */
  latencyMs?: (inputs: string[]) => number;
  /** Returns a reply to send instead of the echo (scripted failures); undefined to echo. */
  script?: (inputs: string[], arrival: number) => FakeReply | undefined;
  /** Holds every answer until it resolves (to freeze the server). */
  hold?: () => Promise<void>;
}

export interface EchoFake {
  url: string;
  arrivals: ArrivedRequest[];
  /** Most requests the server was answering at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
  http: HttpFake;
}

/** The fixture protocol's server: `{"outputs": ["echo:<input>", ...]}`, with knobs for tests. */
export async function startEchoFake(options: EchoFakeOptions = {}): Promise<EchoFake> {
  const arrivals: ArrivedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const http = await startHttpFake(async (request: RecordedRequest) => {
    const inputs = ((request.json as { inputs?: string[] } | undefined)?.inputs ?? []).map(String);
    arrivals.push({ at: Date.now(), inputs, headers: request.headers });
    const arrival = arrivals.length;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (request.headers.authorization !== `Bearer ${TEST_API_KEY}`) {
        return { status: 401, body: { error: { message: 'Incorrect API key provided.', code: 'invalid_api_key' } } };
      }
      await options.hold?.();
      const latency = options.latencyMs?.(inputs) ?? 0;
      if (latency > 0) await sleep(latency);
      const scripted = options.script?.(inputs, arrival);
      if (scripted) return scripted;
      return {
        status: 200,
        body: {
          outputs: inputs.map((input) => `echo:${input}`),
          usage: { input_tokens: inputs.length * 3, output_tokens: inputs.length * 2 },
        },
      };
    } finally {
      inFlight -= 1;
    }
  });
  return {
    url: http.url,
    arrivals,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () => http.close(),
    http,
  };
}

/** A resolved model of the fixture provider pointing at `endpoint`. */
export function echoModel(endpoint: string, overrides: Partial<ResolvedModel> = {}): ResolvedModel {
  return {
    name: 'echo_model',
    version: 1,
    providerId: TEST_PROVIDER_ID,
    task: 'embedding',
    input: [{ name: 'text', dataType: { kind: 'STRING', nullable: true } }],
    output: [{ name: 'result', dataType: { kind: 'STRING', nullable: true } }],
    inputFormat: { id: TEST_FORMAT_ID },
    outputFormat: { id: TEST_FORMAT_ID },
    params: {},
    providerOptions: {},
    connection: { name: 'echo_conn', type: TEST_PROVIDER_ID, endpoint: `${endpoint}/v1/echo`, options: {}, secrets: { 'api-key': TEST_API_KEY } },
    ...overrides,
  };
}

/** Input batches of `{tag, values}` rows: tag = position, value = `row-<position>`. */
export async function* inputBatches(count: number, batchSize: number, text = (index: number) => `row-${index}`) {
  for (let start = 0; start < count; start += batchSize) {
    const batch = [];
    for (let index = start; index < Math.min(count, start + batchSize); index += 1) batch.push({ tag: index, values: [text(index)] });
    yield batch;
  }
}

export async function collect<T>(outputs: AsyncIterable<Array<{ tag: T; output: unknown[] }>>) {
  const all: Array<{ tag: T; output: unknown[] }> = [];
  for await (const batch of outputs) all.push(...batch);
  return all;
}
