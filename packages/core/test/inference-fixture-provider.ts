/**
 * A minimal provider and format for the inference runtime's tests, loadable both by vitest and by
 * a pool worker (through tsx, by its file URL), so imports are relative and by file.
 *
 * Wire protocol (see inference-fixture-server.ts): POST the endpoint with
 * `{"inputs": [...first column of each row...]}` and `authorization: Bearer <api-key>`; the answer
 * is `{"outputs": [...], "usage": {...}}`. Rows whose text starts with a crash marker make the
 * worker die, to test crash handling (only inside a worker thread: vitest itself must survive).
 */
import { isMainThread } from 'node:worker_threads';
import { context, trace } from '@opentelemetry/api';
import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { LateralPluginV1 } from '@lateral/spec';
import type { ProviderV1 } from '@lateral/spec';
import { sendHttp } from '@lateral/spec';

export const TEST_PROVIDER_ID = 'testecho';
export const TEST_FORMAT_ID = 'TEST-ECHO';
export const CRASH_EXIT = 'CRASH_EXIT';
export const CRASH_THROW = 'CRASH_THROW';

const inputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: TEST_FORMAT_ID,
  aliases: [],
  kind: 'embedding',
  contentType: 'application/json',
  defaultOutputFormat: TEST_FORMAT_ID,
  /** `<p>.params.max_rows` sets the rows per request (default 1), like an embedding API's limit. */
  maxRowsPerRequest: (formatContext) => (typeof formatContext.params['max_rows'] === 'number' ? formatContext.params['max_rows'] : 1),
  validate: () => [],
  encode: (rows) => ({ body: JSON.stringify({ inputs: rows.map((row) => row[0]) }) }),
};

const outputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: TEST_FORMAT_ID,
  aliases: [],
  accept: 'application/json',
  validate: () => [],
  decode(response, _formatContext, rowCount) {
    const body = response.json() as { outputs?: unknown[]; usage?: { input_tokens?: number; output_tokens?: number } };
    if (!Array.isArray(body.outputs) || body.outputs.length !== rowCount) {
      throw new Error(`expected ${rowCount} outputs, got ${JSON.stringify(body.outputs)}`);
    }
    const usage = body.usage ? { inputTokens: body.usage.input_tokens, outputTokens: body.usage.output_tokens } : undefined;
    return { rows: body.outputs.map((value) => [value]), usage };
  },
};

const provider: ProviderV1 = {
  specificationVersion: 'v1',
  id: TEST_PROVIDER_ID,
  connectionTypes: [TEST_PROVIDER_ID],
  requiresConnection: true,
  connectionSchemas: [{ types: [TEST_PROVIDER_ID], secretKeys: ['api-key'], requiredKeys: ['api-key'], optionalKeys: [] }],
  modelOptions: [],
  defaultInputFormat: () => TEST_FORMAT_ID,
  createTransport(model, dependencies) {
    const connection = model.connection;
    if (!connection) throw new Error('testecho needs a connection');
    return {
      send(request) {
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        if (!isMainThread && text.includes(CRASH_EXIT)) process.exit(3);
        if (!isMainThread && text.includes(CRASH_THROW)) {
          setTimeout(() => {
            throw new Error('provider code threw in a timer');
          }, 1);
          return new Promise(() => undefined);
        }
        // Lets the fake check which span the request ran under (in a worker: the extracted carrier).
        const parent = trace.getSpanContext(context.active());
        return sendHttp({
          providerId: TEST_PROVIDER_ID,
          url: connection.endpoint,
          headers: {
            ...request.headers,
            authorization: `Bearer ${connection.secrets['api-key'] ?? ''}`,
            ...(parent ? { 'x-test-parent-span': parent.spanId, 'x-test-trace': parent.traceId } : {}),
          },
          body: request.body,
          dispatcher: dependencies.dispatcher,
          signal: request.signal,
          timeoutMs: request.timeoutMs,
          maxResponseBytes: request.maxResponseBytes,
        });
      },
    };
  },
  describeError(_status, _headers, bodyText) {
    try {
      const body = JSON.parse(bodyText) as { error?: { message?: string; code?: string } };
      return { message: body.error?.message, code: body.error?.code };
    } catch {
      return {};
    }
  },
};

export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/test-inference-provider',
  provides: [`provider:${TEST_PROVIDER_ID}`, `input-format:${TEST_FORMAT_ID}`, `output-format:${TEST_FORMAT_ID}`],
  register(registrar) {
    registrar.registerInputFormat(inputFormat);
    registrar.registerOutputFormat(outputFormat);
    registrar.registerProvider(provider);
  },
};
