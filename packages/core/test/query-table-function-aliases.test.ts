import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { col, createContext, defaultCompute, failure, FakeRuntime, insert, query, t, table, tempDir, type TestContext } from './query-fixtures.js';

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

beforeEach(async () => {
  dir = await tempDir();
  const runtime = new FakeRuntime({ compute: (m, values) => (m.name === 'scorer' && values[1] === 3 ? ['lots', 'x'] : defaultCompute(m, values)) });
  context = createContext({ dataDir: dir.path, runtime, tables: [table('docs', [col('id', t.int()), col('lang', t.string())])] });
  await insert(context, "INSERT INTO docs VALUES (1, 'en'), (3, 'fr')");
});
afterEach(() => dir.cleanup());

describe('a registered model call renamed by its alias', () => {
  it('names an OUTPUT column that does not fit by the name the query gave it', async () => {
    const error = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(ML_PREDICT('scorer', lang, id)) AS s(points, note)"));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_RESPONSE');
    expect(error.message).toBe("ML_PREDICT('scorer') row 2: OUTPUT column 'points': 'lots' is not a valid INT");
  });
});
