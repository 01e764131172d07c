import type { DataType, RowField } from '../ast.js';
import { printIdentifier, printStringLiteral } from './print-name.js';

/** A data type in canonical form: `VARCHAR(10)`, `ARRAY<FLOAT>`, `DECIMAL(10, 2)`, `TIMESTAMP(3)`. */
export function printDataType(dataType: DataType): string {
  return `${printBaseType(dataType)}${dataType.nullable ? '' : ' NOT NULL'}`;
}

function printBaseType(dataType: DataType): string {
  switch (dataType.kind) {
    case 'VARCHAR':
    case 'CHAR':
    case 'BINARY':
    case 'VARBINARY':
      return `${dataType.kind}(${dataType.length})`;
    case 'DECIMAL':
      return `DECIMAL(${dataType.precision}, ${dataType.scale})`;
    case 'TIME':
      return `TIME(${dataType.precision})`;
    case 'TIMESTAMP':
      return `${dataType.withLocalTimeZone ? 'TIMESTAMP_LTZ' : 'TIMESTAMP'}(${dataType.precision})`;
    case 'ARRAY':
      return `ARRAY<${printDataType(dataType.element)}>`;
    case 'MAP':
      return `MAP<${printDataType(dataType.key)}, ${printDataType(dataType.value)}>`;
    case 'ROW':
      return `ROW<${dataType.fields.map(printRowField).join(', ')}>`;
    default:
      return dataType.kind;
  }
}

function printRowField(field: RowField): string {
  const comment = field.comment === undefined ? '' : ` COMMENT ${printStringLiteral(field.comment)}`;
  return `${printIdentifier(field.name)} ${printDataType(field.dataType)}${comment}`;
}
