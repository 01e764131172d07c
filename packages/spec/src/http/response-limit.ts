import type { Readable } from 'node:stream';
import type { ResolvedModel } from '../contracts/resolved-model.js';
import { ProviderCallError } from '../errors/provider-call-error.js';

/**
 * Default cap on one response body, 256 MiB: twice the largest answer a real inference API gives
 * to one of Lateral's requests (OpenAI's 2,048-input embedding batch of 3,072-dimension vectors is
 * about 130 MB of JSON), and well below what exhausts memory (a body costs several times its size
 * once decoded and parsed). `max-response-bytes` (connection) or `<p>.max_response_bytes` (model)
 * change it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** The model's `<p>.max_response_bytes`, else its connection's `max-response-bytes`, else the default. */
export function maxResponseBytes(model: ResolvedModel): number {
  const fromModel = positiveInteger(model.providerOptions['max_response_bytes']);
  const fromConnection = positiveInteger(model.connection?.options['max-response-bytes']);
  return fromModel ?? fromConnection ?? DEFAULT_MAX_RESPONSE_BYTES;
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.trim());
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

export interface BodyLimit {
  providerId: string;
  status: number;
  maxBytes: number;
  /** Origin and path of the endpoint, for the message. */
  where: string;
}

/**
 * Reads a response body chunk by chunk and gives up as soon as it passes the cap (or as soon as
 * `content-length` says it will): the body is destroyed, which closes the connection, so what is
 * past the cap is never read into memory.
 */
export async function readCappedBody(body: Readable, headers: Record<string, string>, limit: BodyLimit): Promise<Uint8Array> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limit.maxBytes) {
    body.destroy();
    throw tooLarge(limit, `declares ${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit.maxBytes) {
      body.destroy();
      throw tooLarge(limit, `passed ${limit.maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? new Uint8Array(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.length) : new Uint8Array(Buffer.concat(chunks, total));
}

function tooLarge(limit: BodyLimit, what: string): ProviderCallError {
  return new ProviderCallError({
    code: 'LATERAL_ERR_PROVIDER_RESPONSE_TOO_LARGE',
    message:
      `${limit.providerId}: the response from ${limit.where} (status ${limit.status}) ${what}, over the limit of ` +
      `${limit.maxBytes} bytes; raise 'max-response-bytes' on the connection or '<provider>.max_response_bytes' on the model if answers this large are expected.`,
    providerId: limit.providerId,
    status: limit.status,
    // The same request would get the same answer: retrying cannot help.
    retryable: false,
  });
}
