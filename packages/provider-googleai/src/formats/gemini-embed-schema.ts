import type { Column, DataType, Diagnostic } from '@lateral/spec';

const STRING_KINDS = new Set(['STRING', 'VARCHAR', 'CHAR']);
const FLOAT_KINDS = new Set(['FLOAT', 'DOUBLE']);

/** Embedding formats take one string column (reference §9.5 validation rules). */
export function checkSingleStringInput(formatId: string, input: Column[]): Diagnostic[] {
  if (input.length === 1 && STRING_KINDS.has(input[0]!.dataType.kind)) return [];
  return [
    {
      code: 'LATERAL_ERR_FORMAT_SCHEMA',
      message: `Invalid Schema for model input: ${formatId} input format requires a single input column of type STRING, CHAR, or VARCHAR.`,
    },
  ];
}

/** One ARRAY<FLOAT> (or ARRAY<ARRAY<FLOAT>>, DOUBLE allowed) output column. */
export function checkEmbeddingOutput(formatId: string, output: Column[]): Diagnostic[] {
  if (output.length === 1 && isEmbeddingType(output[0]!.dataType)) return [];
  return [
    {
      code: 'LATERAL_ERR_FORMAT_SCHEMA',
      message: `Invalid Schema for model output: ${formatId} output format requires an ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> output column.`,
    },
  ];
}

/** True for ARRAY<ARRAY<FLOAT>>: the vector is then wrapped as the single element of the outer array. */
export function isNestedEmbedding(dataType: DataType): boolean {
  return dataType.kind === 'ARRAY' && dataType.element.kind === 'ARRAY';
}

function isEmbeddingType(dataType: DataType): boolean {
  if (dataType.kind !== 'ARRAY') return false;
  const element = dataType.element;
  if (FLOAT_KINDS.has(element.kind)) return true;
  return element.kind === 'ARRAY' && FLOAT_KINDS.has(element.element.kind);
}
