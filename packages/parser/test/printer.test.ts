import { describe, expect, it } from 'vitest';
import type { DataType, Expression } from '../src/index.js';
import { isReservedWord, parseStatement, printDataType, printExpression, printIdentifier, printObjectName } from '../src/index.js';

const location = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

describe('printDataType', () => {
  it.each<[DataType, string]>([
    [{ kind: 'VARCHAR', length: 10, nullable: true }, 'VARCHAR(10)'],
    [{ kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true }, 'ARRAY<FLOAT>'],
    [
      {
        kind: 'ROW',
        fields: [
          { name: 'a', dataType: { kind: 'INT', nullable: true } },
          { name: 'b', dataType: { kind: 'STRING', nullable: true } },
        ],
        nullable: true,
      },
      'ROW<a INT, b STRING>',
    ],
    [{ kind: 'DECIMAL', precision: 10, scale: 2, nullable: true }, 'DECIMAL(10, 2)'],
    [{ kind: 'TIMESTAMP', precision: 3, withLocalTimeZone: false, nullable: true }, 'TIMESTAMP(3)'],
    [{ kind: 'TIMESTAMP', precision: 6, withLocalTimeZone: true, nullable: false }, 'TIMESTAMP_LTZ(6) NOT NULL'],
    [{ kind: 'MAP', key: { kind: 'STRING', nullable: false }, value: { kind: 'DOUBLE', nullable: true }, nullable: true }, 'MAP<STRING NOT NULL, DOUBLE>'],
  ])('%j prints as %s', (dataType, text) => {
    expect(printDataType(dataType)).toBe(text);
  });
});

describe('printExpression', () => {
  it('adds only the parentheses precedence needs to a hand-built tree', () => {
    const column = (name: string): Expression => ({ type: 'column', name, location });
    const sum: Expression = { type: 'binary', op: '+', left: column('a'), right: column('b'), location };
    const product: Expression = { type: 'binary', op: '*', left: sum, right: column('c'), location };
    expect(printExpression(product)).toBe('(a + b) * c');
    expect(printExpression({ type: 'unary', op: 'NOT', operand: { type: 'is_null', operand: sum, negated: true, location }, location })).toBe(
      'NOT a + b IS NOT NULL',
    );
  });

  it('prints model references in the style they were written', () => {
    const statement = parseStatement("SELECT ML_PREDICT('`a b`.m$2', x), ML_PREDICT(`m$all`, x), ML_PREDICT(db.m, x)");
    if (statement.type !== 'query' || statement.query.type !== 'select') throw new Error('shape');
    const printed = statement.query.projections.map((item) => (item.type === 'select_expr' ? printExpression(item.expr) : ''));
    expect(printed).toEqual(["ML_PREDICT('`a b`.m$2', x)", 'ML_PREDICT(`m$all`, x)', 'ML_PREDICT(db.m, x)']);
  });
});

describe('identifiers', () => {
  it('back-quotes only reserved words and non-word names', () => {
    expect(['text', 'value', 'select', 'Model', 'my-model', 'a`b', '1st', '_x'].map(printIdentifier)).toEqual([
      'text',
      'value',
      '`select`',
      '`Model`',
      '`my-model`',
      '`a``b`',
      '`1st`',
      '_x',
    ]);
    expect(isReservedWord('lateral')).toBe(true);
    expect(isReservedWord('connection')).toBe(false);
  });

  it('writes a model version inside the back-quotes of the last part', () => {
    expect(printObjectName({ type: 'object_name', parts: ['cat', 'db', 'm'], version: 'all', location })).toBe('cat.db.`m$all`');
  });
});
