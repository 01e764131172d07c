import { ValueConversionError } from './expr-errors.js';

/**
 * Exact numbers. A BIGINT value is a JS number while it is a safe integer and a `bigint` beyond;
 * a DECIMAL value is a number while it has at most 15 significant digits (a double holds those
 * exactly and `String(n)` gives them back) and the text of its exact digits beyond
 * ("123456789012345678.12"). Both forms are canonical (one value, one representation), so `===`
 * and row keys stay right, and both survive structured cloning to workers. Arithmetic on them
 * goes through bigint-scaled integers (`Scaled`); the common, small values stay plain numbers.
 */
export interface Scaled {
  /** The value times 10^scale. */
  readonly unscaled: bigint;
  readonly scale: number;
}

export const MAX_DECIMAL_PRECISION = 38;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
/** Digits a double reproduces exactly (DBL_DIG). */
const EXACT_DOUBLE_DIGITS = 15;
/** Exponents beyond this in number text are not numbers a DECIMAL or BIGINT can hold. */
const MAX_EXPONENT = 400;

const POWERS: bigint[] = [];
export function pow10(n: number): bigint {
  if (n < 64) return (POWERS[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

/** An exact integer in its canonical form: a number when it is safe, else a bigint. */
export function canonicalInteger(n: bigint): number | bigint {
  return n >= MIN_SAFE && n <= MAX_SAFE ? Number(n) : n;
}

/** An exact integer value (number or bigint) as a bigint. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return truncate(toScaled(value));
}

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses number text (`-12.50`, `.5`, `1e3`) exactly, or undefined when it is not a number. */
export function parseDecimalText(text: string): Scaled | undefined {
  const match = NUMBER_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
  let unscaled = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return { unscaled: sign === '-' ? -unscaled : unscaled, scale };
}

/** Any numeric value (number, bigint, exact decimal text) as a scaled integer. */
export function toScaled(value: unknown): Scaled {
  if (typeof value === 'bigint') return { unscaled: value, scale: 0 };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return { unscaled: BigInt(value), scale: 0 };
    if (!Number.isFinite(value)) throw new ValueConversionError(`${String(value)} is not an exact number`);
    // The shortest text that reads back as this double (what Java's Double.toString gives).
    return parseDecimalText(String(value))!;
  }
  const parsed = typeof value === 'string' ? parseDecimalText(value) : undefined;
  if (!parsed) throw new ValueConversionError(`${String(value)} is not a number`);
  return parsed;
}

/** `a / b` rounded half away from zero (Java's RoundingMode.HALF_UP). */
export function divideHalfUp(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  const remainder = a % b;
  if (remainder === 0n) return quotient;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < (b < 0n ? -b : b)) return quotient;
  return (a < 0n) === (b < 0n) ? quotient + 1n : quotient - 1n;
}

/** The unscaled integer of `value` at `scale`, rounding HALF_UP when digits are dropped. */
export function rescale(value: Scaled, scale: number): bigint {
  if (scale >= value.scale) return value.unscaled * pow10(scale - value.scale);
  return divideHalfUp(value.unscaled, pow10(value.scale - scale));
}

/** The integer part, toward zero (CAST of a DECIMAL to an integer type). */
export function truncate(value: Scaled): bigint {
  return value.scale === 0 ? value.unscaled : value.unscaled / pow10(value.scale);
}

/** Whether an unscaled value has at most `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  return (unscaled < 0n ? -unscaled : unscaled) < pow10(precision);
}

/** A DECIMAL value in its canonical form (see the file comment). */
export function canonicalDecimal(unscaled: bigint, scale: number): number | string {
  let u = unscaled;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  const text = scaledText(u, s);
  const significant = (u < 0n ? -u : u).toString().replace(/0+$/, '').length;
  if (significant <= EXACT_DOUBLE_DIGITS) {
    const n = Number(text);
    return n === 0 ? 0 : n;
  }
  return text;
}

/** `unscaled / 10^scale` as plain decimal text with exactly `scale` fraction digits. */
export function scaledText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${negative ? '-' : ''}${digits}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** A DECIMAL(p, s) value as Flink prints it: its exact digits with `scale` fraction digits (2.00). */
export function formatDecimal(value: unknown, scale: number): string {
  return scaledText(rescale(toScaled(value), scale), scale);
}

/** Orders two numeric values of any representation exactly (NaN equals everything, as before). */
export function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a !== 'string' && typeof b !== 'string') {
    // number/bigint comparisons are exact in JS, also when mixed
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  for (const [value, sign] of [
    [a, 1],
    [b, -1],
  ] as const) {
    if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 0 : value > 0 ? sign : -sign;
  }
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const left = rescale(x, scale);
  const right = rescale(y, scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Any numeric value as a double (for FLOAT/DOUBLE arithmetic and casts). */
export function toDouble(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Whether a value is one of the exact forms that plain JSON and JS numbers cannot carry. */
export function isBigNumber(value: unknown): value is bigint | string {
  return typeof value === 'bigint' || typeof value === 'string';
}
