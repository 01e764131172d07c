import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { assertBatchSize } from './format-batching.js';
import { countMismatch, inputSchemaDiagnostic, outputSchemaDiagnostic } from './format-errors.js';
import { checkAtLeastOneInput, isStringType, typeText } from './schema-checks.js';

/** TEXT input (alias TXT): the string inputs, one per line, as `text/plain`. */
export const textInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: 'TEXT',
  aliases: ['TXT'],
  kind: 'predictive',
  contentType: 'text/plain',
  defaultOutputFormat: 'TEXT',
  maxRowsPerRequest: () => 1,
  validate: (context) => [
    ...checkAtLeastOneInput('TEXT', context.input),
    ...context.input
      .filter((column) => !isStringType(column.dataType))
      .map((column) =>
        inputSchemaDiagnostic(`TEXT input format only accepts STRING, CHAR, or VARCHAR types, but got ${column.name} ${typeText(column.dataType)}`),
      ),
  ],
  encode(rows) {
    assertBatchSize('TEXT', 1, rows.length);
    return { body: rows[0]!.map((value) => (value === null || value === undefined ? '' : String(value))).join('\n') };
  },
};

/**
 * TEXT output: the whole body is the single string output. A batch (only when an input format
 * batches into TEXT) needs one line per row.
 */
export const textOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'TEXT',
  aliases: ['TXT'],
  accept: 'text/plain',
  validate: (context) =>
    context.output.length === 1 && isStringType(context.output[0]!.dataType)
      ? []
      : [outputSchemaDiagnostic('TEXT output format only supports a single STRING, CHAR, or VARCHAR column.')],
  decode(response, _context, rowCount) {
    const text = response.text();
    if (rowCount === 1) return { rows: [[text]] };
    const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
    if (lines.length !== rowCount) throw countMismatch(rowCount, lines.length);
    return { rows: lines.map((line) => [line]) };
  },
};
