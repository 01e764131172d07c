/** How one SQL value is shown in the human table: arrays of numbers are shortened, bytes are base64. */
const MAX_ARRAY_ITEMS_SHOWN = 6;

export function renderValueForTable(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString('hex')}'`;
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ARRAY_ITEMS_SHOWN).map(renderValueForTable);
    const more = value.length > MAX_ARRAY_ITEMS_SHOWN ? `, … (${value.length} items)` : '';
    return `[${shown.join(', ')}${more}]`;
  }
  return JSON.stringify(toJsonValue(value));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  return String(rounded);
}

/** The JSON form of a value in the machine formats: bytes become base64 strings; everything else as is. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonValue(inner)]));
  }
  return value;
}

/**
 * The CSV cell of a value: nested values as JSON text. NULL is an empty unquoted field and the
 * empty string is `""`, as PostgreSQL and Flink write them, so the two read back apart.
 */
export function renderValueForCsv(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value === '') return '""';
  if (typeof value === 'string') return quoteCsv(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return quoteCsv(JSON.stringify(toJsonValue(value)));
}

export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
