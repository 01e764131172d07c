import { describe, expect, it } from 'vitest';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { decodeValue } from '../src/formats/value-decode.js';
import { responseBody } from '@lateral/spec';
import type { Column, DataType } from '@lateral/spec';

/**
 * Model inputs and outputs keep BIGINT and DECIMAL digits (issue 8, item 3): a request body with
 * such inputs writes them as JSON numbers with every digit, and a response read into such OUTPUT
 * columns keeps the digits of numbers a double cannot hold.
 */
const bigint: DataType = { kind: 'BIGINT', nullable: true };
const decimal = (precision: number, scale: number): DataType => ({ kind: 'DECIMAL', precision, scale, nullable: true });
const double: DataType = { kind: 'DOUBLE', nullable: true };
const text: DataType = { kind: 'STRING', nullable: true };
const col = (name: string, dataType: DataType): Column => ({ name, dataType });

const input = (id: string): InputFormatV1 => builtinInputFormats.find((format) => format.id === id)!;
const output = (id: string): OutputFormatV1 => builtinOutputFormats.find((format) => format.id === id)!;
function context(partial: Partial<FormatContext>): FormatContext {
  return { providerId: 'sagemaker', task: 'regression', input: [col('x', double)], output: [col('y', double)], params: {}, ...partial };
}
const reply = (body: string) => responseBody(new TextEncoder().encode(body), 'application/json');

describe('request bodies', () => {
  it.each(['JSON', 'PANDAS-DATAFRAME', 'JSON-ARRAY', 'TF-SERVING'])('%s writes BIGINT and DECIMAL inputs with every digit', (id) => {
    const ctx = context({ input: [col('id', bigint), col('amount', decimal(20, 2))] });
    const { body } = input(id).encode([[9007199254740993n, '123456789012345678.12']], ctx);
    const sent = typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array);
    expect(sent).toMatch(/9007199254740993\b/);
    expect(sent).toContain('123456789012345678.12');
    expect(sent).not.toContain('"123456789012345678.12"');
  });
});

describe('responses', () => {
  it('JSON output keeps a BIGINT and a DECIMAL above what a double holds', () => {
    const ctx = context({ output: [col('id', bigint), col('amount', decimal(30, 3)), col('note', text)] });
    const decoded = output('JSON').decode(reply('{"id": 9223372036854775807, "amount": 12345678901234567890.125, "note": {"n": 12345678901234567890}}'), ctx, 1);
    expect(decoded.rows).toEqual([[9223372036854775807n, '12345678901234567890.125', '{"n":12345678901234567890}']]);
  });

  it('JSON-ARRAY output keeps a BIGINT per row', () => {
    const ctx = context({ output: [col('id', bigint)] });
    const decoded = output('JSON-ARRAY').decode(reply('[9007199254740993, -9223372036854775808]'), ctx, 2);
    expect(decoded.rows).toEqual([[9007199254740993n], [-9223372036854775808n]]);
  });

  it('a DECIMAL output is rounded HALF_UP to its scale, and too many digits fail', () => {
    expect(decodeValue(2.345, decimal(10, 2))).toBe(2.35);
    expect(decodeValue('2', decimal(10, 2))).toBe(2);
    expect(() => decodeValue(123456, decimal(4, 2))).toThrow(/does not fit DECIMAL\(4, 2\)/);
    expect(() => decodeValue('9223372036854775808', bigint)).toThrow(/does not fit BIGINT/);
  });

  it('outputs without BIGINT or DECIMAL keep the plain parse (doubles)', () => {
    const ctx = context({ output: [col('y', double)] });
    expect(output('JSON').decode(reply('{"y": 12345678901234567890.125}'), ctx, 1).rows).toEqual([[12345678901234567890.125]]);
  });
});
