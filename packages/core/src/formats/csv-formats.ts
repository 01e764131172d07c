import type { Diagnostic } from '@lateral/spec';
import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { Column, Row } from '@lateral/spec';
import { csvCell, parseCsvRecords } from './csv-text.js';
import { assertBatchSize, batchLimit } from './format-batching.js';
import { countMismatch, inputSchemaDiagnostic, outputSchemaDiagnostic, responseError } from './format-errors.js';
import { convertField } from './output-lookup.js';
import {
  checkAtLeastOneInput,
  checkAtLeastOneOutput,
  checkDeserializableOutputs,
  checkSerializableInputs,
  isStringType,
} from './schema-checks.js';
import { toTextValue } from './value-encode.js';

/** Rows per request when batching is asked for: SageMaker's CSV containers answer one line per input line. */
export const CSV_MAX_ROWS = 100;

function validateCsvInput(input: readonly Column[]): Diagnostic[] {
  const diagnostics = [...checkAtLeastOneInput('CSV', input), ...checkSerializableInputs(input)];
  for (const column of input) {
    if (column.dataType.kind !== 'ARRAY') continue;
    if (column.dataType.element.kind === 'ARRAY') {
      diagnostics.push(inputSchemaDiagnostic('Nested arrays are not supported for CSV input.'));
    } else if (input.length > 1) {
      diagnostics.push(inputSchemaDiagnostic('For CSV input, array types are only supported if it is the only input.'));
    }
  }
  return diagnostics;
}

function csvLine(row: Row, input: readonly Column[]): string {
  const only = input.length === 1 ? input[0]! : undefined;
  if (only?.dataType.kind === 'ARRAY') {
    const element = only.dataType.element;
    return ((row[0] as unknown[] | null) ?? []).map((value) => csvCell(toTextValue(value, element))).join(',');
  }
  return input.map((column, index) => csvCell(toTextValue(row[index], column.dataType))).join(',');
}

/**
 * CSV input: one line per row (`v1,v2,…`). One row per request, as Confluent sends it (a
 * container may read only the first record); `max_batch_size` opts in to several lines.
 */
export const csvInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: 'CSV',
  aliases: [],
  kind: 'predictive',
  contentType: 'text/csv',
  defaultOutputFormat: 'CSV',
  maxRowsPerRequest: (context) => batchLimit(context, CSV_MAX_ROWS, ['CSV']),
  batching: 'on-request',
  validate: (context) => validateCsvInput(context.input),
  encode(rows, context) {
    assertBatchSize('CSV', batchLimit(context, CSV_MAX_ROWS, ['CSV']), rows.length);
    return { body: rows.map((row) => csvLine(row, context.input)).join('\n') };
  },
};

function validateCsvOutput(output: readonly Column[]): Diagnostic[] {
  const diagnostics = [...checkAtLeastOneOutput('CSV', output), ...checkDeserializableOutputs(output)];
  const single = output.length === 1 && output[0]!.dataType.kind === 'ARRAY';
  for (const column of output) {
    const type = column.dataType;
    if (type.kind === 'ARRAY' && type.element.kind === 'ARRAY') {
      diagnostics.push(outputSchemaDiagnostic('Nested arrays are not supported for CSV output.'));
    } else if (type.kind === 'ARRAY' && !single) {
      diagnostics.push(outputSchemaDiagnostic('For CSV output, array types are only supported if the output is a single array.'));
    } else if (type.kind === 'ROW') {
      diagnostics.push(outputSchemaDiagnostic('For CSV output, the ROW type is not supported.'));
    }
  }
  return diagnostics;
}

/** An empty cell is NULL, except for string columns where it is the empty string. */
function cellValue(cell: string, column: Column): unknown {
  if (cell === '' && !isStringType(column.dataType)) return null;
  return convertField(cell, column);
}

function csvRow(cells: string[], output: readonly Column[]): Row {
  const first = output[0]!;
  if (output.length === 1 && first.dataType.kind === 'ARRAY') {
    const element = first.dataType.element;
    return [cells.map((cell) => cellValue(cell, { name: first.name, dataType: element }))];
  }
  if (cells.length !== output.length) {
    throw responseError(`Error parsing ML Predict response: expected ${output.length} columns, but found ${cells.length}`);
  }
  return output.map((column, index) => cellValue(cells[index]!, column));
}

/** CSV output: the first record for one row; one record per row for a batch. */
export const csvOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'CSV',
  aliases: [],
  accept: 'text/csv',
  validate: (context) => validateCsvOutput(context.output),
  decode(response, context, rowCount) {
    const records = parseCsvRecords(response.text());
    if (records.length === 0) throw responseError('Error parsing ML Predict response: no data found');
    if (rowCount === 1) return { rows: [csvRow(records[0]!, context.output)] };
    if (records.length !== rowCount) throw countMismatch(rowCount, records.length);
    return { rows: records.map((record) => csvRow(record, context.output)) };
  },
};
