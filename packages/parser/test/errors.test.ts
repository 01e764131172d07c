import { describe, expect, it } from 'vitest';
import { parse, parseStatement, SqlSyntaxError } from '../src/index.js';

/** The SqlSyntaxError that parsing `sql` throws (fails the test if it parses). */
function syntaxError(sql: string, parser: (sql: string) => unknown = (text) => parse(text, { source: 'query.sql' })): SqlSyntaxError {
  try {
    parser(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(SqlSyntaxError);
    return error as SqlSyntaxError;
  }
  throw new Error(`expected a syntax error for: ${sql}`);
}

describe('syntax errors: position, expected list and formatted message', () => {
  it('reports statement keywords for an unknown statement', () => {
    const error = syntaxError('SELEC 1');
    expect([error.line, error.column, error.offset, error.found]).toEqual([1, 1, 0, 'SELEC']);
    expect(error.expected).toEqual([
      "';'",
      'ALTER',
      'CREATE',
      'DESC',
      'DESCRIBE',
      'DROP',
      'INSERT',
      'RESET',
      'SELECT',
      'SET',
      'SHOW',
      'VALUES',
      'end of input',
    ]);
    expect(error.format()).toBe(
      [
        'query.sql:1:1: syntax error: expected \';\', ALTER, CREATE, DESC, DESCRIBE, DROP, INSERT, RESET, SELECT, SET, SHOW, VALUES or end of input but found "SELEC"',
        'SELEC 1',
        '^^^^^',
      ].join('\n'),
    );
  });

  it('points at a misspelled keyword on a later line', () => {
    const error = syntaxError('SELECT *\n  FORM docs');
    expect([error.line, error.column, error.offset]).toEqual([2, 3, 11]);
    expect(error.expected).toEqual(["','", "';'", 'FROM', 'LIMIT', 'ORDER', 'WHERE', 'end of input']);
    expect(error.format()).toBe(
      [
        'query.sql:2:3: syntax error: expected \',\', \';\', FROM, LIMIT, ORDER, WHERE or end of input but found "FORM"',
        '  FORM docs',
        '  ^^^^',
      ].join('\n'),
    );
  });

  it('requires WITH values to be string literals', () => {
    const error = syntaxError("CREATE MODEL m INPUT (text STRING) WITH ('retries' = 3)");
    expect([error.line, error.column, error.expected, error.found]).toEqual([1, 54, ['string literal'], '3']);
    expect(error.format()).toBe(
      [
        'query.sql:1:54: syntax error: expected string literal but found "3"',
        "CREATE MODEL m INPUT (text STRING) WITH ('retries' = 3)",
        '                                                     ^',
      ].join('\n'),
    );
  });

  it('reports an unknown data type', () => {
    const error = syntaxError("CREATE TABLE t (\n  id INT,\n  body TEXT\n) WITH ('connector' = 'x')");
    expect([error.line, error.column, error.expected]).toEqual([3, 8, ['data type']]);
    expect(error.format()).toBe(['query.sql:3:8: syntax error: expected data type but found "TEXT"', '  body TEXT', '       ^^^^'].join('\n'));
  });

  it('reports the missing comma before LATERAL (documentation inconsistency §15.9)', () => {
    const error = syntaxError("SELECT * FROM `my-table` LATERAL TABLE(ML_PREDICT('m', x))");
    expect([error.line, error.column, error.found]).toEqual([1, 26, 'LATERAL']);
    expect(error.expected).toEqual(["','", "';'", 'AS', 'CROSS', 'LEFT', 'LIMIT', 'ORDER', 'WHERE', 'end of input', 'identifier']);
  });

  it.each([["'a..b'"], ["'a.b.c.d'"], ["'m$x'"], ["''"], ["'my model'"], ["'`m'"]])('rejects the model-name string %s at the string', (model) => {
    const sql = `SELECT *\nFROM t, LATERAL TABLE(ML_PREDICT(${model}, t.x))`;
    const error = syntaxError(sql);
    expect([error.line, error.column, error.expected, error.found]).toEqual([2, 34, ['model name'], model]);
    expect(error.format()).toBe(
      [
        `query.sql:2:34: syntax error: expected model name but found ${JSON.stringify(model)}`,
        `FROM t, LATERAL TABLE(ML_PREDICT(${model}, t.x))`,
        `${' '.repeat(33)}${'^'.repeat(model.length)}`,
      ].join('\n'),
    );
  });

  it('requires a model name as the first argument of a model function', () => {
    const error = syntaxError('SELECT ML_PREDICT(1, x)');
    expect([error.column, error.expected, error.found]).toEqual([19, ['model name'], '1']);
    expect(syntaxError('SELECT AI_COMPLETE()').expected).toEqual(['model name']);
  });

  it('rejects a reserved word as a bare identifier', () => {
    const error = syntaxError('CREATE TABLE select (a INT)');
    expect([error.column, error.expected, error.found]).toEqual([14, ['IF', 'identifier'], 'select']);
    expect(syntaxError('DROP MODEL model').expected).toEqual(['IF', 'identifier']);
  });

  it('rejects a bad version suffix', () => {
    const error = syntaxError('DROP MODEL m$latest');
    expect([error.column, error.expected, error.found]).toEqual([14, ['version number or ALL'], 'latest']);
  });

  it('requires ON TRUE after LEFT JOIN LATERAL TABLE', () => {
    const error = syntaxError('SELECT * FROM t LEFT JOIN LATERAL TABLE(F(x)) AS y');
    expect([error.column, error.expected, error.found]).toEqual([51, ["'('", 'ON'], null]);
    expect(error.format()).toBe(
      [
        "query.sql:1:51: syntax error: expected '(' or ON but found end of input",
        'SELECT * FROM t LEFT JOIN LATERAL TABLE(F(x)) AS y',
        '                                                  ^',
      ].join('\n'),
    );
  });

  it('requires MAP[...] to alternate keys and values', () => {
    const error = syntaxError("SELECT ML_PREDICT('m', x, MAP['debug', true, 'retry_count'])");
    expect([error.column, error.expected, error.found]).toEqual([59, ["','", 'operator'], ']']);
  });

  it('does not chain comparisons', () => {
    expect(syntaxError('SELECT a = b = c').column).toBe(14);
  });

  it('reports a missing WITH on CREATE CONNECTION', () => {
    const error = syntaxError('CREATE CONNECTION c');
    expect([error.column, error.expected, error.found]).toEqual([20, ["'.'", 'COMMENT', 'WITH'], null]);
  });

  it('does not accept FROM on SHOW CONNECTIONS', () => {
    expect(syntaxError('SHOW CONNECTIONS FROM db').expected).toEqual(["';'", 'LIKE', 'NOT', 'end of input']);
  });

  it.each([
    ["SELECT 'abc", 8, 'unterminated string literal'],
    ['SELECT `abc', 8, 'unterminated quoted identifier'],
    ['SELECT ``', 8, 'empty quoted identifier'],
    ['SELECT 1 /* open', 10, 'unterminated block comment'],
  ])('reports %s as: %s', (sql, column, message) => {
    const error = syntaxError(sql);
    expect([error.column, error.message, error.expected]).toEqual([column, message, []]);
    expect(error.format().split('\n')[0]).toBe(`query.sql:1:${column}: syntax error: ${message}`);
  });

  it('keeps tabs in the caret padding', () => {
    const error = syntaxError('SELECT\n\tfoo(,');
    expect(error.format().split('\n').slice(1)).toEqual(['\tfoo(,', '\t    ^']);
  });

  it('names the input <input> when no source is given and uses the error name SqlSyntaxError', () => {
    const error = syntaxError('SHOW', (sql) => parse(sql));
    expect(error.name).toBe('SqlSyntaxError');
    expect(error.source).toBeUndefined();
    expect(error.format().split('\n')[0]).toBe('<input>:1:5: syntax error: expected CONNECTIONS, CREATE, MODELS or TABLES but found end of input');
  });

  it('parseStatement rejects zero or several statements', () => {
    expect(syntaxError('', parseStatement).expected).toContain('SELECT');
    const error = syntaxError('SELECT 1; SELECT 2', parseStatement);
    expect([error.column, error.found]).toEqual([11, 'SELECT']);
    expect(parseStatement(';SELECT 1;;')).toMatchObject({ type: 'query', text: 'SELECT 1' });
  });
});
