import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startVertexAIFake, type VertexAIFake } from '../fakes/vertexai-fake.js';
import { expectNoSecrets, newDataDir } from './fixtures/cli-kit.js';

/**
 * A credential a transport derives is masked like the connection's own secrets: Vertex AI's
 * OAuth access token, echoed by a 401 that quotes the request headers, appears neither in the
 * error the CLI prints nor in the `--trace` file.
 */
let fake: VertexAIFake;
beforeAll(async () => {
  fake = await startVertexAIFake({ echoHeadersOn401: true });
});
afterAll(() => fake.close());

describe('derived credentials', () => {
  for (const execution of ['in-process', 'pool'] as const) {
    it(`masks Vertex AI's access token in a 401 that echoes the headers (${execution})`, async () => {
      const dir = newDataDir();
      const traceFile = join(dir, 'trace.ndjson');
      const sql = `CREATE CONNECTION gem WITH ('type' = 'vertexai', 'endpoint' = '${fake.endpoint('publishers/google/models/gemini-2.0-flash')}', 'service-key' = '\${env:E2E_VERTEX_KEY}');
        CREATE MODEL labeler INPUT (text STRING) OUTPUT (label STRING)
          WITH ('provider' = 'vertexai', 'task' = 'classification', 'vertexai.connection' = 'gem', 'vertexai.input_format' = 'GEMINI-GENERATE');
        CREATE TABLE t (text STRING);
        INSERT INTO t VALUES ('great');
        SELECT l.label FROM t, LATERAL TABLE(ML_PREDICT('labeler', t.text)) l;`;
      const run = await runCli(['--data-dir', dir, '--format', 'ndjson', '--execution', execution, '--trace', traceFile, '-e', sql], {
        env: { E2E_VERTEX_KEY: fake.serviceKey },
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('LATERAL_ERR_PROVIDER_HTTP');
      // the fake did echo a token, and it is one the OAuth fake issued
      const tokens = [...fake.oauth.issued.keys()];
      expect(tokens.length).toBeGreaterThan(0);
      expect(run.stderr).toContain('Bearer *****');
      expectNoSecrets(run, tokens);
      const trace = readFileSync(traceFile, 'utf8');
      expect(trace).toContain('UNAUTHENTICATED');
      for (const token of tokens) expect(trace).not.toContain(token);
    });
  }
});
