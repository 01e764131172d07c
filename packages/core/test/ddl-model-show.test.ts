import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '@lateral/core';
import { CHAT_CONNECTION, errorsOf, failureOf, openEngine, rowsOf, run, runOne, temporaryDataDir } from './engine-test-kit.js';

let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
  await run(
    engine,
    `${CHAT_CONNECTION};
     CREATE MODEL summarizer INPUT (prompt STRING) OUTPUT (summary STRING) COMMENT 'sums'
       WITH ('provider' = 'testai', 'task' = 'text_generation', 'testai.connection' = 'chat', 'testai.system_prompt' = 'One sentence.');
     CREATE MODEL summarizer INPUT (prompt STRING) OUTPUT (summary STRING) COMMENT 'sums'
       WITH ('provider' = 'testai', 'task' = 'text_generation', 'testai.connection' = 'chat', 'TestAI.Params.Max_Tokens' = '20');
     CREATE MODEL sentiment INPUT (text STRING) OUTPUT (label STRING)
       WITH ('provider' = 'testai', 'task' = 'classification', 'testai.connection' = 'chat');
     CREATE MODEL scorer INPUT (features ARRAY<FLOAT>, id BIGINT NOT NULL, raw BYTES) OUTPUT (score DOUBLE, tags ROW<a STRING, b INT>)
       WITH ('provider' = 'testai', 'task' = 'regression', 'testai.connection' = 'chat', 'testai.input_format' = 'JSON')`,
  );
});
afterEach(async () => {
  await cleanup();
});

describe('SHOW MODELS', () => {
  it('lists model names, filtered by LIKE', async () => {
    expect(await runOne(engine, 'SHOW MODELS')).toEqual({ kind: 'rows', columns: ['Model Name'], rows: [['scorer'], ['sentiment'], ['summarizer']] });
    expect(await rowsOf(engine, "SHOW MODELS LIKE 's_m%'")).toEqual([['summarizer']]);
    expect(await rowsOf(engine, "SHOW MODELS LIKE 'SUM%'")).toEqual([]);
  });
});

describe('DESCRIBE MODEL', () => {
  it('describes the default version without a suffix', async () => {
    expect(await runOne(engine, 'DESCRIBE MODEL summarizer')).toEqual({
      kind: 'rows',
      columns: ['Inputs', 'Outputs', 'Options', 'Comment'],
      rows: [['(prompt STRING)', '(summary STRING)', '{PROVIDER=testai, TASK=text_generation, TESTAI.CONNECTION=chat, TESTAI.SYSTEM_PROMPT=One sentence.}', 'sums']],
    });
  });

  it('describes every version with $all and one with $n', async () => {
    const all = await runOne(engine, 'DESC MODEL `summarizer$all`');
    expect(all.kind === 'rows' && all.columns).toEqual(['VersionId', 'IsDefaultVersion', 'Inputs', 'Outputs', 'Options', 'Comment']);
    expect(all.kind === 'rows' && all.rows.map((row) => [row[0], row[1]])).toEqual([
      [1, true],
      [2, false],
    ]);
    const second = await rowsOf(engine, 'DESCRIBE MODEL `summarizer$2`');
    expect(second).toEqual([
      [2, false, '(prompt STRING)', '(summary STRING)', '{PROVIDER=testai, TASK=text_generation, TESTAI.CONNECTION=chat, TESTAI.PARAMS.MAX_TOKENS=20}', 'sums'],
    ]);
  });

  it('prints nested and NOT NULL types', async () => {
    const [[inputs, outputs]] = (await rowsOf(engine, 'DESCRIBE MODEL scorer')) as [[string, string]];
    expect(inputs).toBe('(features ARRAY<FLOAT>, id BIGINT NOT NULL, raw BYTES)');
    expect(outputs).toBe('(score DOUBLE, tags ROW<a STRING, b INT>)');
  });

  it('fails for an unknown model or version', async () => {
    expect(errorsOf(await failureOf(engine, 'DESCRIBE MODEL nope'))[0]?.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(errorsOf(await failureOf(engine, 'DESCRIBE MODEL `summarizer$5`'))[0]?.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
  });
});

describe('SHOW CREATE MODEL', () => {
  it('prints expanded types and upper-cased keys', async () => {
    const [[text]] = (await rowsOf(engine, 'SHOW CREATE MODEL summarizer')) as [[string]];
    expect(text).toBe(
      [
        'CREATE MODEL `summarizer`',
        'INPUT (`prompt` VARCHAR(2147483647))',
        'OUTPUT (`summary` VARCHAR(2147483647))',
        "COMMENT 'sums'",
        'WITH (',
        "  'PROVIDER' = 'testai',",
        "  'TASK' = 'text_generation',",
        "  'TESTAI.CONNECTION' = 'chat',",
        "  'TESTAI.SYSTEM_PROMPT' = 'One sentence.'",
        ')',
      ].join('\n'),
    );
  });

  it('prints a named version and expands nested types', async () => {
    const [[second]] = (await rowsOf(engine, 'SHOW CREATE MODEL `summarizer$2`')) as [[string]];
    expect(second).toContain("'TESTAI.PARAMS.MAX_TOKENS' = '20'");
    const [[scorer]] = (await rowsOf(engine, 'SHOW CREATE MODEL scorer')) as [[string]];
    expect(scorer).toContain('INPUT (`features` ARRAY<FLOAT>, `id` BIGINT NOT NULL, `raw` VARBINARY(2147483647))');
    expect(scorer).toContain('OUTPUT (`score` DOUBLE, `tags` ROW<a VARCHAR(2147483647), b INT>)');
  });

  it('refuses $all', async () => {
    expect(errorsOf(await failureOf(engine, 'SHOW CREATE MODEL `summarizer$all`'))[0]?.code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
  });
});
