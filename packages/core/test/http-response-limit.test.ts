import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '@lateral/spec';
import { DEFAULT_MAX_RESPONSE_BYTES, maxResponseBytes } from '@lateral/spec';
import { sendHttp } from '@lateral/spec';
import { echoModel } from './inference-fixture-server.js';

const MiB = 1024 * 1024;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/**
 * A server that streams `totalBytes` of body in 64 KiB chunks, honouring backpressure, and
 * counts what it managed to write before the client went away.
 */
async function streamingServer(totalBytes: number, options: { contentLength?: boolean } = {}) {
  const state = { written: 0, closed: false };
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', ...(options.contentLength ? { 'content-length': String(totalBytes) } : {}) });
    response.on('close', () => (state.closed = true));
    const pump = () => {
      while (state.written < totalBytes && !state.closed) {
        state.written += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!state.closed) response.end();
    };
    pump();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, state };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderCallError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('response size limit', () => {
  it('stops reading a body once it passes the cap, with a coded, final error, and never reads the rest', async () => {
    const server = await streamingServer(256 * MiB);
    const error = await failureOf(sendHttp({ providerId: 'testecho', url: server.url, headers: {}, body: '{}', maxResponseBytes: MiB }));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(200);
    expect(error.message).toContain(`over the limit of ${MiB} bytes`);
    expect(error.message).toContain("'max-response-bytes'");
    // The client closed the connection: the server could write little more than the cap plus
    // socket buffers, not the 256 MiB it meant to send.
    await expect.poll(() => server.state.closed).toBe(true);
    if (process.env.PRINT_SIM) console.log(JSON.stringify({ writtenBeforeClose: server.state.written }));
    expect(server.state.written).toBeLessThan(32 * MiB);
  });

  it('refuses a body whose content-length is over the cap before reading it', async () => {
    const server = await streamingServer(8 * MiB, { contentLength: true });
    const error = await failureOf(sendHttp({ providerId: 'testecho', url: server.url, headers: {}, body: '{}', maxResponseBytes: MiB }));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE');
    expect(error.message).toContain(`declares ${8 * MiB} bytes`);
  });

  it('reads a body up to the cap whole', async () => {
    const server = await streamingServer(MiB);
    const response = await sendHttp({ providerId: 'testecho', url: server.url, headers: {}, body: '{}', maxResponseBytes: MiB });
    expect(response.body.length).toBe(MiB);
    expect(response.body.every((byte) => byte === 0x61)).toBe(true);
  });

  it('takes the model option over the connection option over the 256 MiB default', () => {
    const model = echoModel('http://127.0.0.1:9');
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(256 * MiB);
    expect(maxResponseBytes(model)).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    const connection = { ...model.connection!, options: { 'max-response-bytes': '5000' } };
    expect(maxResponseBytes({ ...model, connection })).toBe(5000);
    expect(maxResponseBytes({ ...model, connection, providerOptions: { max_response_bytes: '700' } })).toBe(700);
  });
});
