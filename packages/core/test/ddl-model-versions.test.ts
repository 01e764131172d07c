import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, LateralError } from '@lateral/core';
import { CHAT_CONNECTION, errorsOf, failureOf, messageOf, openEngine, run, temporaryDataDir } from './engine-test-kit.js';

let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
  await run(engine, CHAT_CONNECTION);
});
afterEach(async () => {
  await cleanup();
});

function version(prompt: string, extra = ''): string {
  return `CREATE MODEL summarizer INPUT (prompt STRING) OUTPUT (summary STRING) COMMENT 'sums'
    WITH ('provider' = 'testai', 'task' = 'text_generation', 'testai.connection' = 'chat', 'testai.system_prompt' = '${prompt}'${extra})`;
}

async function only(sql: string): Promise<LateralError> {
  const errors = errorsOf(await failureOf(engine, sql));
  expect(errors).toHaveLength(1);
  return errors[0] as LateralError;
}

const versionsOf = () => engine.catalog.getModel('summarizer')?.versions.map((entry) => entry.version);
const defaultOf = () => engine.catalog.getModel('summarizer')?.defaultVersion;

describe('model versions (CREATE)', () => {
  it('adds version max+1 and keeps the default', async () => {
    await run(engine, version('one'));
    expect(await messageOf(engine, version('two'))).toBe('`summarizer` with version 2 created. Default version: 1');
    expect(versionsOf()).toEqual([1, 2]);
    expect(engine.catalog.getModel('summarizer')?.versions[1]?.options['testai.system_prompt']).toBe('two');
  });

  it('refuses a version whose INPUT, OUTPUT, COMMENT or task differ', async () => {
    await run(engine, version('one'));
    const input = await only(version('x').replace('(prompt STRING)', '(prompt STRING, extra INT)').replace("'task' = 'text_generation'", "'task' = 'text_generation', 'testai.input_format' = 'JSON'"));
    expect(input.code).toBe('LATERAL_ERR_CATALOG_VERSION_CONFLICT');
    expect(input.message).toContain('INPUT');
    expect((await only(version('x').replace("COMMENT 'sums'", "COMMENT 'other'"))).message).toContain('COMMENT');
    const task = await only(version('x').replace("'task' = 'text_generation'", "'task' = 'classification'"));
    expect(task.code).toBe('LATERAL_ERR_CATALOG_VERSION_CONFLICT');
    expect(task.location?.start.line).toBe(2);
    expect(versionsOf()).toEqual([1]);
  });

  it('allows at most 10 versions', async () => {
    for (let index = 1; index <= 10; index += 1) await run(engine, version(`v${index}`));
    const error = await only(version('eleven'));
    expect(error.code).toBe('LATERAL_ERR_CATALOG_VERSION_LIMIT');
    expect(versionsOf()).toHaveLength(10);
  });

  it('IF NOT EXISTS adds nothing; OR REPLACE starts over at version 1', async () => {
    await run(engine, `${version('one')}; ${version('two')}`);
    expect(await messageOf(engine, version('three').replace('CREATE MODEL', 'CREATE MODEL IF NOT EXISTS'))).toContain('nothing created');
    expect(versionsOf()).toEqual([1, 2]);
    const replaced = await messageOf(engine, version('fresh').replace('CREATE MODEL', 'CREATE OR REPLACE MODEL').replace("COMMENT 'sums'", ''));
    expect(replaced).toBe('`summarizer` replaced; version 1 created. Default version: 1');
    expect(versionsOf()).toEqual([1]);
    expect(engine.catalog.getModel('summarizer')?.comment).toBeUndefined();
  });

  it('refuses a version suffix in CREATE MODEL', async () => {
    expect((await only(version('x').replace('MODEL summarizer', 'MODEL `summarizer$2`'))).code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
  });
});

describe('ALTER MODEL', () => {
  beforeEach(async () => {
    await run(engine, `${version('one')}; ${version('two')}; ${version('three')}`);
  });

  it("sets 'default_version' to an existing version only", async () => {
    expect(await messageOf(engine, "ALTER MODEL summarizer SET ('default_version' = '2')")).toBe('Model `summarizer` altered. Default version: 2');
    expect(defaultOf()).toBe(2);
    const error = await only("ALTER MODEL summarizer SET ('default_version' = '9')");
    expect(error.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(error.expected).toEqual(['1', '2', '3']);
  });

  it('changes one version (name$n) or the default version (no suffix), re-validated', async () => {
    await run(engine, "ALTER MODEL `summarizer$3` SET ('testai.system_prompt' = 'THREE', 'testai.params.max_tokens' = '50')");
    await run(engine, "ALTER MODEL summarizer SET ('testai.model_version' = 'gpt-x')");
    const [v1, v2, v3] = engine.catalog.getModel('summarizer')?.versions ?? [];
    expect(v3?.options).toMatchObject({ 'testai.system_prompt': 'THREE', 'testai.params.max_tokens': '50' });
    expect(v1?.options['testai.model_version']).toBe('gpt-x');
    expect(v2?.options['testai.model_version']).toBeUndefined();
    const error = await only("ALTER MODEL `summarizer$2` SET ('testai.colour' = 'x')");
    expect(error.code).toBe('LATERAL_ERR_OPTION_UNKNOWN');
    expect(engine.catalog.getModel('summarizer')?.versions[1]?.options['testai.colour']).toBeUndefined();
  });

  it('refuses a task change while other versions exist', async () => {
    const error = await only("ALTER MODEL summarizer SET ('task' = 'classification')");
    expect(error.code).toBe('LATERAL_ERR_CATALOG_VERSION_CONFLICT');
  });

  it('RESET removes keys; resetting default_version picks the lowest version', async () => {
    await run(engine, "ALTER MODEL summarizer SET ('default_version' = '3')");
    await run(engine, "ALTER MODEL `summarizer$3` RESET ('testai.system_prompt')");
    expect(engine.catalog.getModel('summarizer')?.versions[2]?.options['testai.system_prompt']).toBeUndefined();
    await run(engine, "ALTER MODEL summarizer RESET ('default_version')");
    expect(defaultOf()).toBe(1);
    expect((await only("ALTER MODEL summarizer RESET ('provider')")).code).toBe('LATERAL_ERR_OPTION_MISSING');
  });

  it('renames a model with all its versions, refusing an existing name', async () => {
    expect(await messageOf(engine, 'ALTER MODEL summarizer RENAME TO digest')).toBe('Model `summarizer` renamed to `digest`.');
    expect(engine.catalog.getModel('digest')?.versions).toHaveLength(3);
    expect(engine.catalog.getModel('summarizer')).toBeUndefined();
    await run(engine, version('again'));
    expect((await only('ALTER MODEL summarizer RENAME TO DIGEST')).code).toBe('LATERAL_ERR_CATALOG_EXISTS');
  });

  it('fails for a missing model or version unless IF EXISTS', async () => {
    expect((await only("ALTER MODEL nope SET ('task' = 'x')")).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect((await only("ALTER MODEL `summarizer$7` SET ('testai.model_version' = 'x')")).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(await messageOf(engine, "ALTER MODEL IF EXISTS `summarizer$7` SET ('testai.model_version' = 'x')")).toContain('nothing changed');
  });
});

describe('DROP MODEL', () => {
  beforeEach(async () => {
    await run(engine, `${version('one')}; ${version('two')}; ${version('three')}`);
  });

  it('drops the default version without a suffix; the lowest remaining becomes default', async () => {
    await run(engine, "ALTER MODEL summarizer SET ('default_version' = '2')");
    expect(await messageOf(engine, 'DROP MODEL summarizer')).toBe('Version 2 of model `summarizer` dropped. Default version: 1');
    expect(versionsOf()).toEqual([1, 3]);
    await run(engine, 'DROP MODEL `summarizer$1`');
    expect(defaultOf()).toBe(3);
  });

  it('drops one version, and the model with its last version', async () => {
    await run(engine, 'DROP MODEL `summarizer$2`; DROP MODEL `summarizer$1`');
    expect(versionsOf()).toEqual([3]);
    expect(await messageOf(engine, 'DROP MODEL `summarizer$3`')).toContain('the model is gone');
    expect(engine.catalog.getModel('summarizer')).toBeUndefined();
  });

  it('drops every version with $all', async () => {
    expect(await messageOf(engine, 'DROP MODEL `summarizer$all`')).toBe('Model `summarizer` dropped with all its versions.');
    expect(engine.catalog.listModels()).toEqual([]);
  });

  it('numbers a version after the highest even when lower ones were dropped', async () => {
    await run(engine, 'DROP MODEL `summarizer$1`');
    expect(await messageOf(engine, version('four'))).toBe('`summarizer` with version 4 created. Default version: 2');
  });

  it('fails for a missing model or version unless IF EXISTS', async () => {
    expect((await only('DROP MODEL nope')).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect((await only('DROP MODEL `summarizer$8`')).code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(await messageOf(engine, 'DROP MODEL IF EXISTS `summarizer$8`')).toContain('nothing dropped');
    expect(await messageOf(engine, 'DROP MODEL IF EXISTS nope')).toContain('nothing dropped');
  });
});
