import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { Column, Row } from '@lateral/spec';
import { assertBatchSize } from './format-batching.js';
import { countMismatch, responseError } from './format-errors.js';
import { convertField, unwrap } from './output-lookup.js';
import { checkAtLeastOneInput, checkAtLeastOneOutput, checkDeserializableOutputs, checkSerializableInputs } from './schema-checks.js';
import { jsonBody, toJsonValue } from './value-encode.js';
import { responseJson } from './response-json.js';

/** JSON-ARRAY input: `[v1, v2, …]` without names; a single ARRAY input is sent as the array itself. */
export const jsonArrayInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: 'JSON-ARRAY',
  aliases: [],
  kind: 'predictive',
  contentType: 'application/json',
  defaultOutputFormat: 'JSON-ARRAY',
  maxRowsPerRequest: () => 1,
  validate: (context) => [...checkAtLeastOneInput('JSON-ARRAY', context.input), ...checkSerializableInputs(context.input)],
  encode(rows, context) {
    assertBatchSize('JSON-ARRAY', 1, rows.length);
    const row = rows[0]!;
    const single = context.input.length === 1 && context.input[0]!.dataType.kind === 'ARRAY';
    const body = single
      ? toJsonValue(row[0], context.input[0]!.dataType)
      : context.input.map((column, index) => toJsonValue(row[index], column.dataType));
    return { body: jsonBody(body, context.input) };
  },
};

function notAnArray(): Error {
  return responseError('ML prediction response was not a JSON array');
}

/**
 * One row from an array of values. A single ARRAY output takes the whole array; otherwise the
 * values map positionally. For a one-row answer, `[[a, b]]` (one prediction row, as scikit-learn
 * returns it) is read as `[a, b]`.
 */
function arrayRow(node: unknown, outputs: readonly Column[], wholeAnswer: boolean): Row {
  const first = outputs[0]!;
  if (outputs.length === 1 && first.dataType.kind === 'ARRAY') return [convertField(node, first)];
  if (!Array.isArray(node)) {
    if (outputs.length === 1) return [convertField(node, first)];
    throw notAnArray();
  }
  let values = node;
  if (wholeAnswer && values.length === 1 && outputs.length > 1 && Array.isArray(values[0])) values = values[0] as unknown[];
  if (values.length !== outputs.length) throw countMismatch(outputs.length, values.length);
  return outputs.map((column, index) => convertField(values[index], column));
}

/**
 * JSON-ARRAY output (also `JSON-ARRAY:<wrapper>`): the body, or the array under the wrapper. A
 * batch's answer has one element per row (`[0, 1, 1]` for three rows of one output).
 */
export const jsonArrayOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'JSON-ARRAY',
  aliases: [],
  accept: 'application/json',
  validate: (context) => [...checkAtLeastOneOutput('JSON-ARRAY', context.output), ...checkDeserializableOutputs(context.output)],
  decode(response, context, rowCount) {
    const node = unwrap(responseJson(response, context.output), context.wrapper);
    if (!Array.isArray(node)) throw notAnArray();
    if (rowCount === 1) return { rows: [arrayRow(node, context.output, true)] };
    if (node.length !== rowCount) throw countMismatch(rowCount, node.length);
    return { rows: node.map((element) => arrayRow(element, context.output, false)) };
  },
};
