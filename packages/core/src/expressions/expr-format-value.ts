import type { DataType } from '@lateral/spec';
import { formatDecimal } from './expr-exact.js';

/**
 * Formats a value as Flink prints it when casting to STRING: BOOLEAN as TRUE/FALSE, DOUBLE in
 * Java's notation (1.0, 1.0E10), DECIMAL with its scale (1.50), ARRAY as [a, b], MAP as {k=v},
 * ROW as (a, b), BYTES decoded as UTF-8.
 */
export function formatValue(value: unknown, type: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  switch (type.kind) {
    case 'BOOLEAN':
      return value ? 'TRUE' : 'FALSE';
    case 'DOUBLE':
      return formatJavaDouble(value as number);
    case 'FLOAT':
      return formatJavaDouble(shortestFloat(value as number));
    case 'DECIMAL':
      return formatDecimal(value, type.scale);
    case 'BYTES':
    case 'BINARY':
    case 'VARBINARY':
      return new TextDecoder().decode(value as Uint8Array);
    case 'ARRAY':
      return `[${(value as unknown[]).map((v) => formatValue(v, type.element)).join(', ')}]`;
    case 'MAP':
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${formatValue(v, type.value)}`)
        .join(', ')}}`;
    case 'ROW': {
      const record = value as Record<string, unknown>;
      return `(${type.fields.map((f) => formatValue(record[f.name], f.dataType)).join(', ')})`;
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Java's Double.toString: plain between 1e-3 and 1e7 (always with a fraction), else d.dddE±n. */
function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const fullMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${fullMantissa}E${exponent.replace('+', '')}`;
}

/** The shortest decimal that reads back as the same 32-bit float, as Java prints floats. */
function shortestFloat(value: number): number {
  const single = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return candidate;
  }
  return single;
}
