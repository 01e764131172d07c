import { printDataType, printStringLiteral, type DataType } from '@lateral/parser';
import { MASK } from '@lateral/spec';
import { maskEndpointCredentials } from '../options/endpoint-credentials.js';
import { isPureEnvReference } from '../options/env-reference.js';
import type { Column } from '@lateral/spec';

/** `` `name` `` with back-quotes doubled, the form SHOW CREATE prints every identifier in. */
export function backQuoted(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A WITH clause, one `'key' = 'value'` per line. */
export function printWithClause(options: ReadonlyArray<readonly [string, string]>): string {
  if (options.length === 0) return 'WITH ()';
  return `WITH (\n${options.map(([key, value]) => `  ${printStringLiteral(key)} = ${printStringLiteral(value)}`).join(',\n')}\n)`;
}

/** A secret as SHOW CREATE / DESCRIBE print it: masked, unless it is only an env reference (which reveals nothing). */
export function displaySecret(value: string): string {
  return isPureEnvReference(value) ? value : MASK;
}

/**
 * An endpoint as DESCRIBE / SHOW CREATE print it: the user-info (`user:password@`) and the values
 * of credential parameters (`?key=`, `sig=`, ... see endpoint-credentials.ts) as `*****`.
 * CREATE CONNECTION already stores them so; this also covers catalogs written before it did.
 */
export function displayEndpoint(endpoint: string): string {
  return maskEndpointCredentials(endpoint);
}

/**
 * Types as SHOW CREATE MODEL prints them (reference §8.4): STRING and BYTES expanded to their
 * VARCHAR / VARBINARY form.
 */
export function expandDataType(dataType: DataType): DataType {
  switch (dataType.kind) {
    case 'STRING':
      return { kind: 'VARCHAR', length: 2147483647, nullable: dataType.nullable };
    case 'BYTES':
      return { kind: 'VARBINARY', length: 2147483647, nullable: dataType.nullable };
    case 'ARRAY':
      return { ...dataType, element: expandDataType(dataType.element) };
    case 'MAP':
      return { ...dataType, key: expandDataType(dataType.key), value: expandDataType(dataType.value) };
    case 'ROW':
      return { ...dataType, fields: dataType.fields.map((field) => ({ ...field, dataType: expandDataType(field.dataType) })) };
    default:
      return dataType;
  }
}

/** `(`a` VARCHAR(2147483647), `b` INT)` for SHOW CREATE. */
export function printColumnList(columns: readonly Column[], expand: boolean): string {
  const parts = columns.map((column) => {
    const type = printDataType(expand ? expandDataType(column.dataType) : column.dataType);
    return `${backQuoted(column.name)} ${type}${column.comment === undefined ? '' : ` COMMENT ${printStringLiteral(column.comment)}`}`;
  });
  return `(${parts.join(', ')})`;
}
