import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderCallError } from '@lateral/core';
import {
  col,
  createContext,
  defaultCompute,
  failure,
  FakeRuntime,
  generatorConnector,
  insert,
  MODELS,
  query,
  t,
  table,
  tempDir,
  type TestContext,
} from './query-fixtures.js';

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

async function setUp(runtime = new FakeRuntime()): Promise<void> {
  context = createContext({
    dataDir: dir.path,
    runtime,
    tables: [table('docs', [col('id', t.int()), col('body', t.string()), col('lang', t.string())])],
  });
  await insert(context, "INSERT INTO docs VALUES (1, 'hello world', 'en'), (2, 'bonjour', 'fr'), (3, NULL, 'en'), (4, 'hallo', 'de')");
}

beforeEach(async () => {
  dir = await tempDir();
  await setUp();
});
afterEach(() => dir.cleanup());

describe('ML_PREDICT', () => {
  it('joins each row with the model output, typed by the model OUTPUT', async () => {
    const result = await query(context, "SELECT d.id, s.summary FROM docs d, LATERAL TABLE(ML_PREDICT('summarizer', d.body)) s");
    expect(result.columns).toEqual([
      { name: 'id', dataType: t.int() },
      { name: 'summary', dataType: t.string() },
    ]);
    expect(result.rows).toEqual([
      [1, 'summary of hello world'],
      [2, 'summary of bonjour'],
      [3, 'nothing'],
      [4, 'summary of hallo'],
    ]);
  });

  it('sends a NULL argument to the model as NULL', async () => {
    await query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body))");
    expect(context.inference.sessions[0]!.inputs).toEqual([['hello world'], ['bonjour'], [null], ['hallo']]);
  });

  it('names output columns after the model OUTPUT, or after the column aliases', async () => {
    const plain = await query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body)) WHERE id = 1");
    expect(plain.columns.map((c) => c.name)).toEqual(['id', 'body', 'lang', 'summary']);
    const aliased = await query(context, "SELECT r.s FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body)) AS r(s) WHERE id = 1");
    expect(aliased.objects).toEqual([{ s: 'summary of hello world' }]);
  });

  it('passes several arguments and coerces outputs to the OUTPUT types', async () => {
    const { objects, columns } = await query(
      context,
      "SELECT id, p.score, p.label FROM docs, LATERAL TABLE(ML_PREDICT('scorer', body, id * 2)) p WHERE id = 2",
    );
    expect(objects).toEqual([{ id: 2, score: 28, label: 'pos' }]);
    expect(columns[1]!.dataType.kind).toBe('INT');
    expect(context.inference.sessions[0]!.inputs).toEqual([['bonjour', 4]]);
  });

  it('takes numbers for STRING inputs only through an explicit CAST (no silent number-to-text)', async () => {
    const error = await failure(query(context, "SELECT s.summary FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', id + 0.5)) s WHERE id = 1"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    const { rows } = await query(context, "SELECT s.summary FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', CAST(id + 0.5 AS STRING))) s WHERE id = 1");
    expect(rows).toEqual([['summary of 1.5']]);
  });

  it('accepts LEFT JOIN LATERAL ... ON TRUE and a FROM that starts with the call', async () => {
    const left = await query(context, "SELECT id, summary FROM docs LEFT JOIN LATERAL TABLE(ML_PREDICT('summarizer', lang)) ON TRUE WHERE id = 2");
    expect(left.rows).toEqual([[2, 'summary of fr']]);
    const alone = await query(context, "SELECT * FROM LATERAL TABLE(AI_COMPLETE('summarizer', 'hi'))");
    expect(alone.objects).toEqual([{ summary: 'summary of hi' }]);
  });
});

describe('chained laterals', () => {
  it('lets a later call read an earlier one', async () => {
    const { objects } = await query(
      context,
      `SELECT d.id, s.summary, e.embedding
       FROM docs d,
            LATERAL TABLE(ML_PREDICT('summarizer', d.body)) s,
            LATERAL TABLE(AI_EMBEDDING('emb', s.summary)) e
       WHERE d.id <= 2`,
    );
    expect(objects).toEqual([
      { id: 1, summary: 'summary of hello world', embedding: [22, 0.5] },
      { id: 2, summary: 'summary of bonjour', embedding: [18, 0.5] },
    ]);
    expect(context.inference.sessions.map((s) => s.model).sort()).toEqual(['emb', 'summarizer']);
  });

  it('renames columns of each call with aliases', async () => {
    const { objects } = await query(
      context,
      `SELECT a.x, b.y FROM docs,
         LATERAL TABLE(ML_PREDICT('summarizer', lang)) AS a(x),
         LATERAL TABLE(ML_PREDICT('pairer', a.x, lang)) AS b(y)
       WHERE id = 4`,
    );
    expect(objects).toEqual([{ x: 'summary of de', y: 'summary of de+de' }]);
  });

  it('filters before the model call when the condition reads only earlier columns', async () => {
    const { rows } = await query(
      context,
      `SELECT id FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body)) s
       WHERE lang = 'en' AND s.summary LIKE '%hello%'`,
    );
    expect(rows).toEqual([[1]]);
    expect(context.inference.sessions[0]!.inputs).toEqual([['hello world'], [null]]);
  });
});

describe('AI_COMPLETE and AI_EMBEDDING', () => {
  it('run models of the right shape', async () => {
    const complete = await query(context, "SELECT c.summary FROM docs, LATERAL TABLE(AI_COMPLETE('summarizer', body)) c WHERE id = 2");
    expect(complete.rows).toEqual([['summary of bonjour']]);
    const embed = await query(context, "SELECT embedding FROM docs, LATERAL TABLE(AI_EMBEDDING('emb', lang)) WHERE id = 2");
    expect(embed.rows).toEqual([[[2, 0.5]]]);
  });

  it('refuse models of another shape', async () => {
    const complete = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(AI_COMPLETE('scorer', body))"));
    expect(complete.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(complete.message).toContain('AI_COMPLETE needs a model with one STRING input and one STRING output');
    const embed = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(AI_EMBEDDING('summarizer', body))"));
    expect(embed.message).toContain('ARRAY<FLOAT> output');
  });
});

describe('argument and model errors', () => {
  it('reports an argument count mismatch at the call with line and column', async () => {
    const error = await failure(query(context, "SELECT *\nFROM docs,\n  LATERAL TABLE(ML_PREDICT('scorer', body)) p"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain("ML Predict argument list didn't match model input columns 1 != 2");
    expect(error.location?.start).toMatchObject({ line: 3, column: 17 });
  });

  it('refuses text for a numeric input, suggesting a CAST', async () => {
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('scorer', body, lang)) p"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain("model input 'weight' is INT");
    expect(error.location?.start).toMatchObject({ line: 1, column: 62 });
  });

  it('refuses a number for a STRING input before any request, as WHERE and INSERT do, suggesting a CAST', async () => {
    const error = await failure(query(context, "SELECT * FROM docs,\n  LATERAL TABLE(ML_PREDICT('summarizer', id))"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain("is INT but model input 'prompt' is STRING; convert it with CAST(... AS STRING)");
    expect(error.location?.start).toMatchObject({ line: 2, column: 42 });
    expect(context.inference.sessions).toHaveLength(0);
    const cast = await query(context, "SELECT s.summary FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', CAST(id AS STRING))) s WHERE id = 1");
    expect(cast.rows).toEqual([['summary of 1']]);
  });

  it('points at the model name when the model does not exist', async () => {
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('nope', body))"));
    expect(error.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(error.location?.start).toMatchObject({ line: 1, column: 46 });
  });

  it('refuses $all', async () => {
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer$all', body))"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
  });

  it('checks the column alias count', async () => {
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body)) AS s(a, b)"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain('names 2 columns but the model has 1 OUTPUT columns');
  });

  it('refuses unknown table functions', async () => {
    const error = await failure(query(context, 'SELECT * FROM docs, LATERAL TABLE(EXPLODE(body))'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_FUNCTION');
    const scalar = await failure(query(context, 'SELECT * FROM docs, LATERAL TABLE(UPPER(body))'));
    expect(scalar.code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
  });
});

describe('the configuration MAP', () => {
  const run = async (map: string): Promise<void> => {
    await query(context, `SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body, ${map})) WHERE id = 1`);
  };

  it('reads typed literals and text values', async () => {
    await run("MAP['async_enabled', false, 'client_timeout', 60, 'retry_count', '5', 'max_parallelism', 4, 'debug', 'true', 'ordered', 'FALSE', 'max_batch_size', 8]");
    expect(context.inference.sessions[0]!.config).toEqual({
      asyncEnabled: false,
      clientTimeoutMs: 60_000,
      retryCount: 5,
      maxParallelism: 4,
      debug: true,
      ordered: false,
      maxBatchSize: 8,
    });
  });

  it('defaults to the documented values and the model client timeout', async () => {
    await run("MAP['CLIENT_TIMEOUT', '2.5s']");
    expect(context.inference.sessions[0]!.config).toMatchObject({ asyncEnabled: true, clientTimeoutMs: 2500, retryCount: 3, maxParallelism: 10, debug: false, ordered: true });
    context.catalog.models.set('summarizer', { ...MODELS.summarizer, clientTimeoutMs: 90_000 });
    await query(context, "SELECT * FROM docs, LATERAL TABLE(AI_COMPLETE('summarizer', body)) WHERE id = 1");
    expect(context.inference.sessions[1]!.config.clientTimeoutMs).toBe(90_000);
  });

  it.each([
    ["MAP['colour', 'red']", "unknown key 'colour'"],
    ["MAP['retry_count', -1]", "'retry_count' must be a whole number >= 0"],
    ["MAP['max_parallelism', 0]", "'max_parallelism' must be a whole number >= 1"],
    ["MAP['client_timeout', 'soon']", "'client_timeout' must be a number of seconds > 0"],
    ["MAP['debug', 'maybe']", "'debug' must be true or false"],
    ["MAP['debug', true, 'debug', false]", "key 'debug' is set twice"],
    ["MAP['debug', lang]", "the value of 'debug' must be a literal"],
  ])('rejects %s', async (map, message) => {
    const error = await failure(query(context, `SELECT * FROM docs,\n LATERAL TABLE(ML_PREDICT('summarizer', body, ${map}))`));
    expect(error.code).toBe('LATERAL_ERR_BIND_CONFIG');
    expect(error.message).toContain(message);
    expect(error.location?.start).toMatchObject({ line: 2, column: 47 });
  });
});

describe('failures while running', () => {
  it('fails the statement with the provider error naming the call', async () => {
    await setUp(new FakeRuntime({ failAtRow: 3 }));
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body))"));
    expect(error).toBeInstanceOf(ProviderCallError);
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(error.message).toBe("ML_PREDICT('summarizer'): Received bad response code 400 message Bad Request at row 3");
    expect((error as ProviderCallError).status).toBe(400);
    expect(error.location?.start).toMatchObject({ line: 1, column: 35 });
  });

  it('keeps the runtime row details and does not repeat the model name', async () => {
    const runtime = new FakeRuntime();
    runtime.openSession = () => ({
      async *process() {
        const error = new ProviderCallError({
          code: 'LATERAL_ERR_RETRIES_EXHAUSTED',
          message: "Too many requests (model 'summarizer' version 1, input row 2)",
          providerId: 'fake',
          status: 429,
          retryable: true,
        });
        Object.assign(error.details ?? {}, { row: 2 });
        throw error;
      },
    });
    await setUp(runtime);
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body))"));
    expect(error.message).toBe("ML_PREDICT: Too many requests (model 'summarizer' version 1, input row 2)");
    expect(error.details).toMatchObject({ status: 429, providerId: 'fake', row: 2 });
  });

  it('fails when an output does not fit its OUTPUT type, naming the row and column', async () => {
    await setUp(new FakeRuntime({ compute: (m, values) => (m.name === 'scorer' && values[1] === 3 ? ['lots', 'x'] : defaultCompute(m, values)) }));
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('scorer', lang, id))"));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE');
    expect(error.message).toBe("ML_PREDICT('scorer') row 3: OUTPUT column 'score': 'lots' is not a valid INT");
  });
});

describe('LIMIT over a lateral', () => {
  it('closes the session and stops reading once enough rows arrived', async () => {
    const stats = { produced: 0 };
    context = createContext({
      dataDir: dir.path,
      connectors: [generatorConnector(stats)],
      tables: [table('big', [col('id', t.int()), col('body', t.string())], { connector: 'generator', rows: '100000', batch: '100' })],
    });
    const { rows } = await query(context, "SELECT id, summary FROM big, LATERAL TABLE(ML_PREDICT('summarizer', body)) LIMIT 5");
    expect(rows).toEqual([0, 1, 2, 3, 4].map((i) => [i, `summary of text ${i}`]));
    const session = context.inference.sessions[0]!;
    expect(session.closedEarly).toBe(true);
    expect(session.inputs.length).toBe(100);
    expect(stats.produced).toBeLessThanOrEqual(200);
  });
});
