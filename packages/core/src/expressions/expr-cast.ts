import type { DataType } from '@lateral/spec';
import { ValueConversionError } from './expr-errors.js';
import { formatValue } from './expr-format-value.js';
import { parseDate, parseTime, parseTimestamp, timestampToDate, timestampToTime } from './expr-temporal.js';
import {
  canonicalDecimal,
  canonicalInteger,
  fitsPrecision,
  parseDecimalText,
  rescale,
  toDouble,
  toScaled,
  truncate,
  type Scaled,
} from './expr-exact.js';
import { formatType, INTEGER_NUMBER_RANGE, INTEGER_RANGE, isBinary, isBoolean, isCharacter, isExactInteger, isNumeric, sameType } from './expr-types.js';

/** Converts one non-null value; throws ValueConversionError when the value does not fit. */
export type ValueConverter = (value: unknown) => unknown;

const identity: ValueConverter = (value) => value;

/**
 * The explicit CAST from one type to another, or undefined when SQL does not allow that cast
 * (e.g. BOOLEAN to DATE). Callers handle NULL (a NULL casts to NULL).
 */
export function castConverter(from: DataType, to: DataType): ValueConverter | undefined {
  if (sameType(from, to)) return identity;
  if (isCharacter(to)) return toCharacter(from, to);
  if (isExactInteger(to)) return toInteger(from, to);
  if (to.kind === 'FLOAT' || to.kind === 'DOUBLE') return toApproximate(from);
  if (to.kind === 'DECIMAL') return toDecimal(from, to.precision, to.scale);
  if (to.kind === 'BOOLEAN') return toBoolean(from);
  if (to.kind === 'DATE') return toDate(from);
  if (to.kind === 'TIME') return toTime(from, to.precision);
  if (to.kind === 'TIMESTAMP') return toTimestamp(from, to.precision);
  if (isBinary(to)) return toBinary(from);
  if (to.kind === 'ARRAY' && from.kind === 'ARRAY') {
    const element = castConverter(from.element, to.element);
    return element && ((value) => (value as unknown[]).map((v) => (v === null ? null : element(v))));
  }
  if (to.kind === 'MAP' && from.kind === 'MAP') {
    const convert = castConverter(from.value, to.value);
    return convert && ((value) => mapValues(value as Record<string, unknown>, convert));
  }
  if (to.kind === 'ROW' && from.kind === 'ROW' && from.fields.length === to.fields.length) {
    const converters = from.fields.map((f, i) => castConverter(f.dataType, to.fields[i]!.dataType));
    if (converters.some((c) => c === undefined)) return undefined;
    return (value) => {
      const record = value as Record<string, unknown>;
      return Object.fromEntries(
        to.fields.map((field, i) => {
          const v = record[from.fields[i]!.name] ?? null;
          return [field.name, v === null ? null : converters[i]!(v)];
        }),
      );
    };
  }
  return undefined;
}

function mapValues(record: Record<string, unknown>, convert: ValueConverter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v === null ? null : convert(v)]));
}

function toCharacter(from: DataType, to: DataType): ValueConverter {
  const text: ValueConverter = isCharacter(from) ? identity : (value) => formatValue(value, from);
  if (to.kind === 'VARCHAR') return (value) => (text(value) as string).slice(0, to.length);
  if (to.kind === 'CHAR') return (value) => (text(value) as string).slice(0, to.length).padEnd(to.length, ' ');
  return text;
}

function toInteger(from: DataType, to: DataType): ValueConverter | undefined {
  const [min, max] = INTEGER_RANGE[to.kind]!;
  const [minNumber, maxNumber] = INTEGER_NUMBER_RANGE[to.kind]!;
  const outOfRange = (shown: unknown): never => {
    throw new ValueConversionError(`${shown} is out of range for ${to.kind}`);
  };
  const checked = (n: bigint, shown: unknown): number | bigint => (n < min || n > max ? outOfRange(shown) : canonicalInteger(n));
  const fromNumber = (n: number): number | bigint => {
    const truncated = Math.trunc(n);
    if (!Number.isFinite(truncated)) return outOfRange(n);
    if (Number.isSafeInteger(truncated)) return truncated < minNumber || truncated > maxNumber ? outOfRange(n) : truncated || 0;
    return checked(BigInt(truncated), n);
  };
  if (isNumeric(from)) {
    return (value) => {
      if (typeof value === 'number') return fromNumber(value);
      if (typeof value === 'bigint') return checked(value, value);
      return checked(truncate(toScaled(value)), value);
    };
  }
  if (isCharacter(from)) {
    return (value) => {
      const parsed = parseDecimalText((value as string).trim());
      if (!parsed) throw new ValueConversionError(`Cannot cast '${String(value)}' to ${formatType(to)}`);
      return checked(truncate(parsed), `'${String(value)}'`);
    };
  }
  if (isBoolean(from)) return (value) => (value ? 1 : 0);
  return undefined;
}

function toApproximate(from: DataType): ValueConverter | undefined {
  if (isNumeric(from)) return toDouble;
  if (isCharacter(from)) return (value) => parseNumberText(value as string, { kind: 'DOUBLE', nullable: true });
  if (isBoolean(from)) return (value) => (value ? 1 : 0);
  return undefined;
}

/** To DECIMAL(p, s): exact, rounding HALF_UP to the scale as Flink does; too many digits fail. */
function toDecimal(from: DataType, precision: number, scale: number): ValueConverter | undefined {
  const type: DataType = { kind: 'DECIMAL', precision, scale, nullable: true };
  const fit = (value: Scaled, shown: unknown): number | string => {
    const unscaled = rescale(value, scale);
    if (!fitsPrecision(unscaled, precision)) throw new ValueConversionError(`${String(shown)} does not fit ${formatType(type)}`);
    return canonicalDecimal(unscaled, scale);
  };
  if (isNumeric(from)) {
    return (value) => {
      if (typeof value === 'number' && !Number.isFinite(value)) throw new ValueConversionError(`${String(value)} does not fit ${formatType(type)}`);
      return fit(toScaled(value), value);
    };
  }
  if (isCharacter(from)) {
    return (value) => {
      const parsed = parseDecimalText((value as string).trim());
      if (!parsed) throw new ValueConversionError(`Cannot cast '${String(value)}' to ${formatType(type)}`);
      return fit(parsed, `'${String(value)}'`);
    };
  }
  if (isBoolean(from)) return (value) => (value ? 1 : 0);
  return undefined;
}

function toBoolean(from: DataType): ValueConverter | undefined {
  if (isCharacter(from)) return (value) => parseBooleanText(value as string);
  if (isNumeric(from)) return (value) => value !== 0 && value !== 0n;
  return undefined;
}

function toDate(from: DataType): ValueConverter | undefined {
  if (isCharacter(from)) return (value) => parseDate(value as string);
  if (from.kind === 'TIMESTAMP') return (value) => timestampToDate(value as string);
  return undefined;
}

function toTime(from: DataType, precision: number): ValueConverter | undefined {
  if (isCharacter(from) || from.kind === 'TIME') return (value) => parseTime(value as string, precision);
  if (from.kind === 'TIMESTAMP') return (value) => timestampToTime(value as string, precision);
  return undefined;
}

function toTimestamp(from: DataType, precision: number): ValueConverter | undefined {
  if (isCharacter(from) || from.kind === 'TIMESTAMP') return (value) => parseTimestamp(value as string, precision);
  if (from.kind === 'DATE') return (value) => `${String(value)} 00:00:00`;
  return undefined;
}

function toBinary(from: DataType): ValueConverter | undefined {
  if (isCharacter(from)) return (value) => new TextEncoder().encode(value as string);
  if (isBinary(from)) return identity;
  return undefined;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '+Infinity': Infinity, '-Infinity': -Infinity };

/** Parses number text into a double as Flink does: surrounding blanks ignored. */
function parseNumberText(text: string, target: DataType): number {
  const trimmed = text.trim();
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  if (trimmed in SPECIAL_NUMBERS) return SPECIAL_NUMBERS[trimmed]!;
  throw new ValueConversionError(`Cannot cast '${text}' to ${formatType(target)}`);
}

const TRUE_TEXT = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_TEXT = new Set(['false', 'f', 'no', 'n', '0']);

function parseBooleanText(text: string): boolean {
  const normal = text.trim().toLowerCase();
  if (TRUE_TEXT.has(normal)) return true;
  if (FALSE_TEXT.has(normal)) return false;
  throw new ValueConversionError(`Cannot cast '${text}' to BOOLEAN`);
}

/** SQL ROUND: halves go away from zero (2.5 → 3, -2.5 → -3), computed in decimal, not binary. */
export function roundHalfUp(value: number, scale: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const magnitude = Math.abs(value);
  const text = String(magnitude);
  const rounded = text.includes('e')
    ? Math.round(magnitude * 10 ** scale) / 10 ** scale
    : Number(`${Math.round(Number(`${text}e${scale}`))}e${-scale}`);
  return rounded === 0 ? 0 : sign * rounded;
}
