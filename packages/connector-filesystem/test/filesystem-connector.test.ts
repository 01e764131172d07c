import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorV2, TableEntry } from '@lateral/core';
import { col, createContext, failure, insert, query, t, table, type TestContext } from '../../core/test/query-fixtures.js';
import { filesystemFixture, type TempDir } from './filesystem-fixture.js';

let dir: TempDir;
let connector: ConnectorV2;

const columns = () => [
  col('id', t.int()),
  col('text', t.string()),
  col('tags', { kind: 'ARRAY', element: t.string(), nullable: true }),
  col('score', t.double()),
  col('ok', t.boolean()),
  col('raw', t.bytes()),
  col('day', t.date()),
];

function fsTable(name: string, path: string, format: string, options: Record<string, string> = {}): TableEntry {
  return table(name, columns(), { connector: 'filesystem', path, format, ...options });
}

function contextWith(...tables: TableEntry[]): TestContext {
  return createContext({ dataDir: join(dir.path, 'data'), tables });
}

beforeEach(async () => {
  ({ dir, connector } = await filesystemFixture());
});
afterEach(() => dir.cleanup());

describe('json format', () => {
  it('reads one object per line, converting values to the column types', async () => {
    const file = join(dir.path, 'in.json');
    await writeFile(
      file,
      [
        '{"id": 1, "text": "a", "tags": ["x", "y"], "score": 0.5, "ok": true, "raw": "aGk=", "day": "2024-01-31"}',
        '',
        '{"id": "2", "text": 3, "score": "1.25", "ok": "false", "extra": 1}',
      ].join('\n'),
    );
    const { rows } = await query(contextWith(fsTable('src', file, 'json')), 'SELECT * FROM src');
    expect(rows).toEqual([
      [1, 'a', ['x', 'y'], 0.5, true, new TextEncoder().encode('hi'), '2024-01-31'],
      [2, '3', null, 1.25, false, null, null],
    ]);
  });

  it('resolves a relative path against the working directory', async () => {
    const file = join(dir.path, 'rel.json');
    await writeFile(file, '{"id": 5}\n');
    const { rows } = await query(contextWith(fsTable('src', relative(process.cwd(), file), 'json')), 'SELECT id FROM src');
    expect(rows).toEqual([[5]]);
  });

  it('writes rows that read back with the same values', async () => {
    const file = join(dir.path, 'out', 'rows.json');
    const context = contextWith(fsTable('sink', file, 'json'));
    await insert(context, "INSERT INTO sink VALUES (1, 'a', ARRAY['x'], 0.5, TRUE, CAST('hi' AS BYTES), CAST('2024-01-31' AS DATE)), (2, NULL, NULL, NULL, NULL, NULL, NULL)");
    expect(await readFile(file, 'utf8')).toBe(
      '{"id":1,"text":"a","tags":["x"],"score":0.5,"ok":true,"raw":"aGk=","day":"2024-01-31"}\n' +
        '{"id":2,"text":null,"tags":null,"score":null,"ok":null,"raw":null,"day":null}\n',
    );
    await insert(context, "INSERT INTO sink (id) VALUES (3)");
    expect((await query(context, 'SELECT id, raw FROM sink')).rows).toEqual([
      [1, new TextEncoder().encode('hi')],
      [2, null],
      [3, null],
    ]);
  });

  it('names the file and line of a bad row, or skips it when told to', async () => {
    const file = join(dir.path, 'bad.json');
    await writeFile(file, '{"id": 1}\n{"id": "one"}\nnot json\n{"id": 4}\n');
    const error = await failure(query(contextWith(fsTable('src', file, 'json')), 'SELECT id FROM src'));
    expect(error.code).toBe('LATERAL_ERR_CONNECTOR_IO');
    expect(error.message).toBe(`Table 'src' (${file}:2): column 'id': 'one' is not a valid INT`);
    const lenient = fsTable('src', file, 'json', { 'json.ignore-parse-errors': 'true' });
    expect((await query(contextWith(lenient), 'SELECT id FROM src')).rows).toEqual([[1], [4]]);
    const strict = fsTable('src', file, 'json', { 'json.fail-on-missing-field': 'true' });
    expect((await failure(query(contextWith(strict), 'SELECT id FROM src'))).message).toContain("field 'text' is missing");
  });

  it('fails clearly when the path does not exist', async () => {
    const error = await failure(query(contextWith(fsTable('src', join(dir.path, 'missing.json'), 'json')), 'SELECT * FROM src'));
    expect(error.code).toBe('LATERAL_ERR_CONNECTOR_IO');
    expect(error.message).toContain('does not exist');
  });
});

describe('csv format', () => {
  it('reads RFC 4180 fields without a header', async () => {
    const file = join(dir.path, 'in.csv');
    await writeFile(file, '1,"a, b","[""x""]",0.5,true,aGk=,2024-01-31\r\n2,"",,,,,\n3,"line\none",[],1e2,FALSE,,\n');
    const { rows } = await query(contextWith(fsTable('src', file, 'csv')), 'SELECT * FROM src');
    expect(rows).toEqual([
      [1, 'a, b', ['x'], 0.5, true, new TextEncoder().encode('hi'), '2024-01-31'],
      [2, '', null, null, null, null, null],
      [3, 'line\none', [], 100, false, null, null],
    ]);
  });

  it('writes fields quoted only when needed, NULL as an empty field and empty text as ""', async () => {
    const file = join(dir.path, 'out.csv');
    const context = contextWith(fsTable('sink', file, 'csv'));
    await insert(context, `INSERT INTO sink VALUES (1, 'say "hi", ok', ARRAY['a,b'], 2.5, FALSE, CAST('hi' AS BYTES), CAST('2024-01-31' AS DATE)), (2, '', NULL, NULL, NULL, NULL, NULL)`);
    expect(await readFile(file, 'utf8')).toBe('1,"say ""hi"", ok","[""a,b""]",2.5,false,aGk=,2024-01-31\n2,"",,,,,\n');
    expect((await query(context, 'SELECT id, text, tags FROM sink')).rows).toEqual([
      [1, 'say "hi", ok', ['a,b']],
      [2, '', null],
    ]);
  });

  it('honours the delimiter, quote and null literal options', async () => {
    const file = join(dir.path, 'tabs.csv');
    const options = { 'csv.field-delimiter': '\\t', 'csv.null-literal': 'N/A', 'csv.quote-character': "'" };
    const context = contextWith(fsTable('t', file, 'csv', options));
    await insert(context, "INSERT INTO t (id, text, score) VALUES (1, 'a\tb', NULL), (2, 'N/A', 3)");
    expect(await readFile(file, 'utf8')).toBe("1\t'a\tb'\tN/A\tN/A\tN/A\tN/A\tN/A\n2\t'N/A'\tN/A\t3\tN/A\tN/A\tN/A\n");
    expect((await query(context, 'SELECT id, text, score FROM t')).rows).toEqual([
      [1, 'a\tb', null],
      [2, 'N/A', 3],
    ]);
  });

  it('reports rows with the wrong number of fields', async () => {
    const file = join(dir.path, 'short.csv');
    await writeFile(file, '1,a\n');
    const error = await failure(query(contextWith(fsTable('src', file, 'csv')), 'SELECT * FROM src'));
    expect(error.code).toBe('LATERAL_ERR_CONNECTOR_IO');
    expect(error.message).toContain('expected 7 fields, found 2');
    const lenient = fsTable('src', file, 'csv', { 'csv.ignore-parse-errors': 'true' });
    expect((await query(contextWith(lenient), 'SELECT * FROM src')).rows).toEqual([]);
  });
});

describe('directories', () => {
  it('reads every data file in name order and writes new part files', async () => {
    const folder = join(dir.path, 'parts');
    await mkdir(folder);
    await writeFile(join(folder, 'b.json'), '{"id": 2}\n');
    await writeFile(join(folder, 'a.json'), '{"id": 1}\n');
    await writeFile(join(folder, '.hidden.json'), '{"id": 99}\n');
    const context = contextWith(fsTable('src', folder, 'json'));
    expect((await query(context, 'SELECT id FROM src')).rows).toEqual([[1], [2]]);
    await insert(context, 'INSERT INTO src (id) VALUES (3)');
    const files = (await readdir(folder)).filter((name) => name.startsWith('part-'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^part-[0-9a-f-]{36}\.json$/);
    expect((await query(context, 'SELECT id FROM src')).rows).toEqual([[1], [2], [3]]);
  });
});

describe('sink abort', () => {
  it('cuts an existing file back and removes a file it created', async () => {
    const existing = join(dir.path, 'existing.json');
    await writeFile(existing, '{"id": 1}\n');
    const sink = await connector.openSink(fsTable('t', existing, 'json'), { dataDir: dir.path });
    await sink.write([[2, null, null, null, null, null, null]]);
    await sink.abort();
    expect(await readFile(existing, 'utf8')).toBe('{"id": 1}\n');

    const fresh = join(dir.path, 'fresh.json');
    const created = await connector.openSink(fsTable('t', fresh, 'json'), { dataDir: dir.path });
    await created.write([[2, null, null, null, null, null, null]]);
    await created.abort();
    expect(await readdir(dir.path)).not.toContain('fresh.json');
  });
});

describe('option validation', () => {
  const check = (options: Record<string, string>) => connector.validate(table('t', columns(), { connector: 'filesystem', ...options }));

  it('accepts Flink option names', () => {
    expect(check({ path: 'x.csv', format: 'CSV', 'csv.field-delimiter': ';', 'csv.ignore-parse-errors': 'true' })).toEqual([]);
    expect(check({ path: 'x.json', format: 'json', 'json.fail-on-missing-field': 'false' })).toEqual([]);
  });

  it('reports every problem', () => {
    const diagnostics = check({ format: 'avro', 'csv.field-delimiter': ';;', 'sink.rolling-policy.file-size': '1MB' });
    expect(diagnostics.map((d) => [d.code, d.option])).toEqual([
      ['LATERAL_ERR_OPTION_UNKNOWN', 'sink.rolling-policy.file-size'],
      ['LATERAL_ERR_OPTION_MISSING', 'path'],
      ['LATERAL_ERR_OPTION_INVALID', 'format'],
      ['LATERAL_ERR_OPTION_INVALID', 'csv.field-delimiter'],
    ]);
    expect(check({ path: 'x', format: 'json', 'csv.field-delimiter': ';' })[0]).toMatchObject({ code: 'LATERAL_ERR_OPTION_UNKNOWN', option: 'csv.field-delimiter' });
    expect(check({ path: 'x', format: 'json', 'json.ignore-parse-errors': 'yes' })[0]).toMatchObject({ code: 'LATERAL_ERR_OPTION_INVALID' });
  });

  it('fails a read of a table whose options are invalid', async () => {
    const error = await failure(query(contextWith(table('t', columns(), { connector: 'filesystem', format: 'json' })), 'SELECT * FROM t'));
    expect(error.code).toBe('LATERAL_ERR_OPTION_MISSING');
  });
});
