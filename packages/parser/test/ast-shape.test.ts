import { describe, expect, it } from 'vitest';
import type { FunctionCall, LateralTableCall, SelectQuery, Statement } from '../src/index.js';
import { parse, parseStatement } from '../src/index.js';

function select(sql: string): SelectQuery {
  const statement = parseStatement(sql);
  if (statement.type !== 'query' || statement.query.type !== 'select') throw new Error('not a SELECT');
  return statement.query;
}

/** The first projection's expression, as a function call. */
function firstCall(sql: string): FunctionCall {
  const item = select(sql).projections[0];
  if (item?.type !== 'select_expr' || item.expr.type !== 'call') throw new Error('not a call');
  return item.expr;
}

describe('scripts and statement locations', () => {
  const sql = "-- setup\nSET 'a' = 'b';\n\n  SELECT 1 ;;\nSHOW MODELS";
  const script = parse(sql, { source: 'setup.sql' });

  it('skips empty statements and keeps each statement text without the semicolon', () => {
    expect(script.statements.map((statement) => statement.text)).toEqual(["SET 'a' = 'b'", 'SELECT 1', 'SHOW MODELS']);
  });

  it('records offset, line, column and source for every statement', () => {
    expect(script.statements.map((statement) => statement.location)).toEqual([
      { source: 'setup.sql', start: { offset: 9, line: 2, column: 1 }, end: { offset: 22, line: 2, column: 14 } },
      { source: 'setup.sql', start: { offset: 27, line: 4, column: 3 }, end: { offset: 35, line: 4, column: 11 } },
      { source: 'setup.sql', start: { offset: 39, line: 5, column: 1 }, end: { offset: 50, line: 5, column: 12 } },
    ]);
    for (const statement of script.statements) {
      expect(sql.slice(statement.location.start.offset, statement.location.end.offset)).toBe(statement.text);
    }
  });

  it('leaves `source` out of locations when no source name is given', () => {
    expect(parseStatement('SELECT 1').location).toEqual({
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 8, line: 1, column: 9 },
    });
  });

  it('parses an empty script, comments only and bare semicolons', () => {
    expect(parse('').statements).toEqual([]);
    expect(parse(' /* nothing */ ;; -- here\n').statements).toEqual([]);
  });

  it('locates nested nodes at their own tokens', () => {
    const query = select('SELECT  UPPER(t.x)  AS y FROM t');
    const item = query.projections[0]!;
    expect(item.location.start.column).toBe(9);
    expect(item.location.end.column).toBe(25);
    if (item.type !== 'select_expr' || item.expr.type !== 'call') throw new Error('shape');
    expect(item.expr.location.end.column).toBe(19);
    expect(item.expr.args[0]!.location.start.column).toBe(15);
  });

  it('spans folded binary expressions from the first operand to the last', () => {
    const item = select('SELECT a + b * c - d').projections[0]!;
    if (item.type !== 'select_expr') throw new Error('shape');
    expect(item.expr).toMatchObject({
      type: 'binary',
      op: '-',
      left: { type: 'binary', op: '+', right: { type: 'binary', op: '*' } },
      right: { type: 'column', name: 'd' },
      location: { start: { column: 8 }, end: { column: 21 } },
    });
  });
});

describe('names and model versions', () => {
  function nameOf(statement: Statement) {
    return 'name' in statement ? statement.name : undefined;
  }

  it.each([
    ['DROP MODEL `my-model$2`', { parts: ['my-model'], version: 2 }],
    ['DROP MODEL `my_model$all`', { parts: ['my_model'], version: 'all' }],
    ['DROP MODEL `m$ALL`', { parts: ['m'], version: 'all' }],
    ['DROP MODEL m$3', { parts: ['m'], version: 3 }],
    ['DESCRIBE MODEL cat.db.`m$1`', { parts: ['cat', 'db', 'm'], version: 1 }],
    ['ALTER MODEL `m$2` SET (\'k\' = \'v\')', { parts: ['m'], version: 2 }],
    ['SHOW CREATE MODEL `m$2`', { parts: ['m'], version: 2 }],
    ["CREATE MODEL `m$2` WITH ('k' = 'v')", { parts: ['m'], version: 2 }],
    ['DROP MODEL `a$b`', { parts: ['a$b'] }],
    ['DROP MODEL `$2`', { parts: ['$2'] }],
    ['DROP TABLE `t$2`', { parts: ['t$2'] }],
    ['DROP CONNECTION `c$all`', { parts: ['c$all'] }],
    ['DESCRIBE `my table`.`a``b`', { parts: ['my table', 'a`b'] }],
    ['DROP TABLE MyTable', { parts: ['MyTable'] }],
  ])('%s', (sql, expected) => {
    const name = nameOf(parseStatement(sql));
    expect(name).toMatchObject({ type: 'object_name', ...expected });
    if (!('version' in expected)) expect(name).not.toHaveProperty('version');
  });
});

describe('model references', () => {
  it.each([
    ["SELECT ML_PREDICT('name', x)", 'string', { parts: ['name'] }],
    ["SELECT ML_PREDICT('name$2', x)", 'string', { parts: ['name'], version: 2 }],
    ["SELECT ML_PREDICT('db.name', x)", 'string', { parts: ['db', 'name'] }],
    ["SELECT ML_PREDICT('`cat`.`db`.`model`', x)", 'string', { parts: ['cat', 'db', 'model'] }],
    ["SELECT ML_PREDICT('`managed_model_llm`', x)", 'string', { parts: ['managed_model_llm'] }],
    ["SELECT ML_PREDICT('`my-model$2`', x)", 'string', { parts: ['my-model'], version: 2 }],
    ["SELECT AI_COMPLETE('my-model$all', x)", 'string', { parts: ['my-model'], version: 'all' }],
    ['SELECT ML_EVALUATE(`my_remote_model$2`, label, f1)', 'backtick', { parts: ['my_remote_model'], version: 2 }],
    ['SELECT AI_EMBEDDING(`db`.`emb`, x)', 'backtick', { parts: ['db', 'emb'] }],
    ['SELECT ml_predict(sentiment_analysis, t.text)', 'bare', { parts: ['sentiment_analysis'] }],
    ['SELECT AI_TOOL_INVOKE(db.tools$1, p, MAP[], MAP[])', 'bare', { parts: ['db', 'tools'], version: 1 }],
  ])('%s', (sql, style, name) => {
    const call = firstCall(sql);
    expect(call.args[0]).toMatchObject({ type: 'model_ref', style, name: { type: 'object_name', ...name } });
  });

  it('locates a string model reference at the string and its name inside the quotes', () => {
    const ref = firstCall("SELECT ML_PREDICT('db.m', x)").args[0]!;
    expect(ref.location).toEqual({ start: { offset: 18, line: 1, column: 19 }, end: { offset: 24, line: 1, column: 25 } });
    if (ref.type !== 'model_ref') throw new Error('shape');
    expect(ref.name.location).toEqual({ start: { offset: 19, line: 1, column: 20 }, end: { offset: 23, line: 1, column: 24 } });
  });

  it('keeps the first argument of other functions an ordinary expression', () => {
    expect(firstCall("SELECT CONCAT('name', x)").args[0]).toMatchObject({ type: 'literal', value: 'name' });
    expect(firstCall('SELECT upper(name)')).toMatchObject({ name: 'UPPER', args: [{ type: 'column', name: 'name' }] });
  });

  it('parses the trailing MAP of invocation settings with typed and string values', () => {
    const call = firstCall("SELECT ML_PREDICT('m', a, b, MAP['async_enabled', true, 'client_timeout', 60, 'debug', 'true'])");
    expect(call.args).toHaveLength(4);
    expect(call.args[3]).toMatchObject({
      type: 'map',
      entries: [
        { key: { type: 'literal', value: 'async_enabled' }, value: { type: 'literal', valueType: 'boolean', value: true } },
        { key: { type: 'literal', value: 'client_timeout' }, value: { type: 'literal', valueType: 'number', value: 60, raw: '60' } },
        { key: { type: 'literal', value: 'debug' }, value: { type: 'literal', valueType: 'string', value: 'true' } },
      ],
    });
  });
});

describe('FROM lists', () => {
  it('chains laterals with comma, CROSS JOIN and LEFT JOIN, keeping aliases and column aliases', () => {
    const query = select(
      "SELECT * FROM docs d, LATERAL TABLE(ML_PREDICT('summarizer', d.body)) AS s(summary), " +
        "LATERAL TABLE(AI_EMBEDDING('emb', s.summary)) e " +
        "CROSS JOIN LATERAL TABLE(AI_COMPLETE('c', d.body)) c(out, extra) " +
        "LEFT JOIN LATERAL TABLE(ML_PREDICT(`cls$2`, d.body)) AS k ON TRUE",
    );
    expect(query.from.map((item) => [item.type, item.join, item.alias])).toEqual([
      ['table_ref', 'first', 'd'],
      ['lateral', 'comma', 's'],
      ['lateral', 'comma', 'e'],
      ['lateral', 'cross', 'c'],
      ['lateral', 'left', 'k'],
    ]);
    const laterals = query.from.filter((item): item is LateralTableCall => item.type === 'lateral');
    expect(laterals.map((item) => item.columnAliases)).toEqual([['summary'], undefined, ['out', 'extra'], undefined]);
    expect(laterals.map((item) => item.call.name)).toEqual(['ML_PREDICT', 'AI_EMBEDDING', 'AI_COMPLETE', 'ML_PREDICT']);
    expect(laterals[3]!.call.args[0]).toMatchObject({ style: 'backtick', name: { parts: ['cls'], version: 2 } });
  });

  it('leaves the alias out when none is written', () => {
    const item = select("SELECT * FROM t, LATERAL TABLE(ML_PREDICT('m', x))").from[1]!;
    expect(item).not.toHaveProperty('alias');
    expect(item).not.toHaveProperty('columnAliases');
  });
});

describe('identifiers, aliases and keywords', () => {
  it("parses SELECT 1 id, 'x' text without FROM", () => {
    const query = select("SELECT 1 id, 'x' text");
    expect(query.from).toEqual([]);
    expect(query.projections).toMatchObject([
      { type: 'select_expr', expr: { type: 'literal', valueType: 'number', value: 1 }, alias: 'id' },
      { type: 'select_expr', expr: { type: 'literal', valueType: 'string', value: 'x' }, alias: 'text' },
    ]);
  });

  const commonNames = ['text', 'id', 'prompt', 'response', 'label', 'embedding', 'value', 'data', 'type', 'comment', 'version', 'connection', 'input', 'output', 'time', 'date', 'desc', 'show', 'tables'];

  it('accepts common column names as bare columns, aliases, table names and column definitions', () => {
    const columns = commonNames.join(', ');
    const query = select(`SELECT ${columns} FROM data`);
    expect(query.projections.map((item) => item.type === 'select_expr' && item.expr.type === 'column' && item.expr.name)).toEqual(commonNames);
    const aliased = select(`SELECT ${commonNames.map((name) => `1 ${name}`).join(', ')}`);
    expect(aliased.projections.map((item) => item.type === 'select_expr' && item.alias)).toEqual(commonNames);
    const table = parseStatement(`CREATE TABLE input (${commonNames.map((name) => `${name} STRING`).join(', ')})`);
    expect(table.type === 'create_table' && table.columns.map((column) => column.name)).toEqual(commonNames);
  });

  it('keeps the user spelling of identifiers and upper-cases function names', () => {
    const query = select('select MyCol, `Mixed Case` from MyTable where LOWER(MyCol) = lower(`Mixed Case`)');
    expect(query.projections).toMatchObject([{ expr: { name: 'MyCol' } }, { expr: { name: 'Mixed Case' } }]);
    expect(query.where).toMatchObject({ left: { type: 'call', name: 'LOWER' }, right: { type: 'call', name: 'LOWER' } });
  });

  it('keeps the source text of numeric literals', () => {
    expect(select('SELECT 1.50').projections[0]).toMatchObject({ expr: { value: 1.5, raw: '1.50' } });
  });

  it('reads keywords in any case', () => {
    expect(parseStatement("cReAtE cOnNeCtIoN c WiTh ('k' = 'v')")).toMatchObject({ type: 'create_connection' });
  });
});

describe('statement fields', () => {
  it('builds CREATE MODEL with columns, comments and located options', () => {
    const sql =
      "CREATE OR REPLACE MODEL m INPUT (text STRING COMMENT 'in') OUTPUT (v ARRAY<FLOAT NOT NULL>) COMMENT 'c' WITH ('provider' = 'openai')";
    const statement = parseStatement(sql);
    const optionStart = sql.indexOf("'provider'");
    const optionEnd = sql.indexOf("'openai'") + "'openai'".length;
    expect(statement).toMatchObject({
      type: 'create_model',
      orReplace: true,
      ifNotExists: false,
      comment: 'c',
      input: [{ type: 'column_def', name: 'text', dataType: { kind: 'STRING', nullable: true }, comment: 'in' }],
      output: [{ name: 'v', dataType: { kind: 'ARRAY', nullable: true, element: { kind: 'FLOAT', nullable: false } } }],
      options: [{ type: 'option', key: 'provider', value: 'openai', location: { start: { offset: optionStart }, end: { offset: optionEnd } } }],
    });
  });

  it('omits INPUT, OUTPUT and COMMENT when they are not written', () => {
    const statement = parseStatement("CREATE MODEL m WITH ('k' = 'v')");
    expect(statement).not.toHaveProperty('input');
    expect(statement).not.toHaveProperty('output');
    expect(statement).not.toHaveProperty('comment');
  });

  it('builds the three ALTER MODEL actions', () => {
    expect(parseStatement("ALTER MODEL m SET (tag = 'prod')")).toMatchObject({ action: { kind: 'set', options: [{ key: 'tag', value: 'prod' }] } });
    expect(parseStatement("ALTER MODEL m RESET ('a', b)")).toMatchObject({ action: { kind: 'reset', keys: ['a', 'b'] } });
    expect(parseStatement('ALTER MODEL IF EXISTS m RENAME TO db.n')).toMatchObject({
      ifExists: true,
      action: { kind: 'rename', newName: { parts: ['db', 'n'] } },
    });
  });

  it('builds SHOW with database and LIKE, and DESCRIBE kinds', () => {
    expect(parseStatement("SHOW MODELS FROM db NOT LIKE 'a%'")).toMatchObject({
      type: 'show',
      objectKind: 'models',
      database: { parts: ['db'] },
      like: { pattern: 'a%', negated: true },
    });
    expect(parseStatement('DESC m')).toMatchObject({ type: 'describe', objectKind: 'table' });
    expect(parseStatement('DESCRIBE MODEL m')).toMatchObject({ type: 'describe', objectKind: 'model' });
  });

  it('builds SET and RESET with and without a key', () => {
    expect(parseStatement('SET')).toEqual({ type: 'set', text: 'SET', location: expect.anything() });
    expect(parseStatement("SET 'k' = 'v'")).toMatchObject({ key: 'k', value: 'v' });
    expect(parseStatement('RESET')).not.toHaveProperty('key');
  });

  it('builds INSERT with target columns and VALUES rows', () => {
    expect(parseStatement("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')")).toMatchObject({
      type: 'insert',
      table: { parts: ['t'] },
      columns: ['a', 'b'],
      source: { type: 'values', rows: [[{ value: 1 }, { value: 'x' }], [{ value: 2 }, { value: 'y' }]] },
    });
  });
});
