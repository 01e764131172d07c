import { ValueConversionError } from './expr-errors.js';

// DATE, TIME and TIMESTAMP values are canonical strings (types/schema.ts): 'YYYY-MM-DD',
// 'HH:MM:SS[.f]' and 'YYYY-MM-DD HH:MM:SS[.f]'. Canonical strings compare correctly as text,
// so comparisons and sorting need no date arithmetic.

const DATE_PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME_PATTERN = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const TIMESTAMP_PATTERN = /^(\d{4}-\d{1,2}-\d{1,2})(?:[ T](.+))?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function parseDate(text: string): string {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) throw new ValueConversionError(`'${text}' is not a DATE (expected YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new ValueConversionError(`'${text}' is not a valid calendar date`);
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseTime(text: string, precision: number): string {
  const match = TIME_PATTERN.exec(text.trim());
  if (!match) throw new ValueConversionError(`'${text}' is not a TIME (expected HH:MM:SS)`);
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
  if (hour > 23 || minute > 59 || second > 59) throw new ValueConversionError(`'${text}' is not a valid time of day`);
  return `${pad(hour)}:${pad(minute)}:${pad(second)}${fraction(match[4], precision)}`;
}

export function parseTimestamp(text: string, precision: number): string {
  const match = TIMESTAMP_PATTERN.exec(text.trim());
  if (!match) throw new ValueConversionError(`'${text}' is not a TIMESTAMP (expected YYYY-MM-DD HH:MM:SS)`);
  const date = parseDate(match[1]!);
  const time = match[2] === undefined ? '00:00:00' : parseTime(match[2], precision);
  return `${date} ${time}`;
}

/** Keeps at most `precision` fractional digits, without padding (`.5` stays `.5`). */
function fraction(digits: string | undefined, precision: number): string {
  if (!digits || precision <= 0) return '';
  const kept = digits.slice(0, precision).replace(/0+$/, '');
  return kept === '' ? '' : `.${kept}`;
}

export function timestampToDate(timestamp: string): string {
  return timestamp.slice(0, 10);
}

export function timestampToTime(timestamp: string, precision: number): string {
  return parseTime(timestamp.slice(11), precision);
}
