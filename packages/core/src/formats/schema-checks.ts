import { printDataType } from '@lateral/parser';
import type { Diagnostic } from '@lateral/spec';
import type { Column, DataType } from '@lateral/spec';
import { inputSchemaDiagnostic, outputSchemaDiagnostic } from './format-errors.js';

/** STRING, VARCHAR and CHAR: the types a prompt or a generated text can have. */
export function isStringType(dataType: DataType): boolean {
  return dataType.kind === 'STRING' || dataType.kind === 'VARCHAR' || dataType.kind === 'CHAR';
}

export function isBinaryType(dataType: DataType): boolean {
  return dataType.kind === 'BYTES' || dataType.kind === 'BINARY' || dataType.kind === 'VARBINARY';
}

const NUMERIC_KINDS = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);

export function isNumericType(dataType: DataType): boolean {
  return NUMERIC_KINDS.has(dataType.kind);
}

/** How many ARRAY levels wrap the leaf type: 0 for a scalar, 2 for ARRAY<ARRAY<FLOAT>>. */
export function arrayDepth(dataType: DataType): number {
  let depth = 0;
  let current = dataType;
  while (current.kind === 'ARRAY') {
    depth++;
    current = current.element;
  }
  return depth;
}

/** The type under every ARRAY level. */
export function leafType(dataType: DataType): DataType {
  let current = dataType;
  while (current.kind === 'ARRAY') current = current.element;
  return current;
}

/** Human-readable type for messages, e.g. `ARRAY<FLOAT>`. */
export function typeText(dataType: DataType): string {
  return printDataType(dataType);
}

/** MAP and TIMESTAMP values have no agreed wire form (2024 DataSerializer), anywhere in the type. */
function findUnsupported(dataType: DataType): DataType | undefined {
  switch (dataType.kind) {
    case 'MAP':
    case 'TIMESTAMP':
      return dataType;
    case 'ARRAY':
      return findUnsupported(dataType.element);
    case 'ROW':
      for (const field of dataType.fields) {
        const found = findUnsupported(field.dataType);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Every INPUT column must have a type the predictive serializers can write. */
export function checkSerializableInputs(input: readonly Column[]): Diagnostic[] {
  return input.flatMap((column) => {
    const bad = findUnsupported(column.dataType);
    return bad ? [inputSchemaDiagnostic(`Unsupported type for model input: ${column.name} ${typeText(bad)}`)] : [];
  });
}

/** Every OUTPUT column must have a type the predictive parsers can read. */
export function checkDeserializableOutputs(output: readonly Column[]): Diagnostic[] {
  return output.flatMap((column) => {
    const bad = findUnsupported(column.dataType);
    return bad ? [outputSchemaDiagnostic(`Unsupported type for model output: ${column.name} ${typeText(bad)}`)] : [];
  });
}

export function checkAtLeastOneInput(formatId: string, input: readonly Column[]): Diagnostic[] {
  return input.length === 0 ? [inputSchemaDiagnostic(`${formatId} input format requires at least one input column.`)] : [];
}

export function checkAtLeastOneOutput(formatId: string, output: readonly Column[]): Diagnostic[] {
  return output.length === 0 ? [outputSchemaDiagnostic(`${formatId} output format requires at least one output column.`)] : [];
}

export function checkSingleStringInput(formatId: string, input: readonly Column[]): Diagnostic[] {
  const ok = input.length === 1 && isStringType(input[0]!.dataType);
  return ok ? [] : [inputSchemaDiagnostic(`${formatId} input format requires a single input column of type STRING, CHAR, or VARCHAR.`)];
}

/** COHERE-EMBED also takes one ARRAY<STRING> column: the whole array is one request's texts. */
export function checkSingleStringOrArrayInput(formatId: string, input: readonly Column[]): Diagnostic[] {
  const column = input.length === 1 ? input[0]! : undefined;
  const ok =
    column !== undefined &&
    (isStringType(column.dataType) || (column.dataType.kind === 'ARRAY' && isStringType(column.dataType.element)));
  return ok
    ? []
    : [inputSchemaDiagnostic(`${formatId} input format requires a single input column of type STRING, CHAR, or ARRAY<STRING>.`)];
}

export function checkSingleStringOutput(formatId: string, output: readonly Column[]): Diagnostic[] {
  const ok = output.length === 1 && isStringType(output[0]!.dataType);
  return ok
    ? []
    : [outputSchemaDiagnostic(`${formatId} output format requires a single output column of type STRING, CHAR, or VARCHAR.`)];
}

/** ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>>; DOUBLE leaves are accepted too (JS numbers are doubles). */
export function isEmbeddingType(dataType: DataType): boolean {
  const depth = arrayDepth(dataType);
  const leaf = leafType(dataType);
  return (depth === 1 || depth === 2) && (leaf.kind === 'FLOAT' || leaf.kind === 'DOUBLE');
}

export function checkEmbeddingOutput(output: readonly Column[]): Diagnostic[] {
  if (output.length !== 1) {
    return [outputSchemaDiagnostic('Default Embedding output format requires a single output column.')];
  }
  return isEmbeddingType(output[0]!.dataType)
    ? []
    : [outputSchemaDiagnostic('Default Embedding output format requires an ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> output column.')];
}
