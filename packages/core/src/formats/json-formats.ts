import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { ParamObject } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import { countMismatch } from './format-errors.js';
import { readOutputRow, unwrap } from './output-lookup.js';
import { checkAtLeastOneOutput, checkDeserializableOutputs } from './schema-checks.js';
import { toJsonValue } from './value-encode.js';
import { responseJson } from './response-json.js';
import { definePredictiveJsonInput } from './predictive-json-input.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies `source` into `target`, merging nested objects (a param group may share the wrapper's name). */
function deepMerge(target: Record<string, unknown>, source: ParamObject): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value as ParamObject);
    else target[key] = structuredClone(value);
  }
}

/** `{"<col>": value, …}` plus every param at the top level, optionally under a wrapper field. */
export function encodeJsonObject(row: Row, context: FormatContext, wrapper: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (wrapper !== undefined) body[wrapper] = {};
  deepMerge(body, context.params);
  const target = wrapper === undefined ? body : (body[wrapper] as Record<string, unknown>);
  context.input.forEach((column, index) => {
    target[column.name] = toJsonValue(row[index], column.dataType);
  });
  return body;
}

interface JsonInputOptions {
  id: string;
  aliases: readonly string[];
  /** A wrapper fixed by the format's name (`AZUREML-TENSOR` = `JSON:input_data`); wins over `:wrapper`. */
  fixedWrapper?: string;
  defaultOutputFormat: string;
}

function jsonObjectInput(options: JsonInputOptions): InputFormatV1 {
  return definePredictiveJsonInput({
    id: options.id,
    aliases: options.aliases,
    defaultOutputFormat: options.defaultOutputFormat,
    maxRowsPerRequest: () => 1,
    body: (rows, context) => encodeJsonObject(rows[0]!, context, options.fixedWrapper ?? context.wrapper),
  });
}

/** JSON (alias JSON_OBJECT), and `JSON:<wrapper>` which nests the columns under `<wrapper>`. */
export const jsonInputFormat = jsonObjectInput({ id: 'JSON', aliases: ['JSON_OBJECT'], defaultOutputFormat: 'JSON' });

/** TF Serving "columnar" / MLflow tensor input: `JSON:inputs`, answered under `outputs` (reference §9.2, §9.3). */
export const tfServingColumnInputFormat = jsonObjectInput({
  id: 'TF-SERVING-COLUMN',
  aliases: ['TF_SERVING_COL', 'MLFLOW-TENSOR'],
  fixedWrapper: 'inputs',
  defaultOutputFormat: 'JSON:outputs',
});

/** Azure ML tensor input: `JSON:input_data`, answered under `outputs`. */
export const azureMlTensorInputFormat = jsonObjectInput({
  id: 'AZUREML-TENSOR',
  aliases: [],
  fixedWrapper: 'input_data',
  defaultOutputFormat: 'JSON:outputs',
});

/**
 * JSON output: OUTPUT columns read by name from the body or from under `:<wrapper>` (a field name
 * or a JSON pointer). A batch's answer is an array with one element per row.
 */
export const jsonOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'JSON',
  aliases: ['JSON_OBJECT'],
  accept: 'application/json',
  validate: (context) => [...checkAtLeastOneOutput('JSON', context.output), ...checkDeserializableOutputs(context.output)],
  decode(response, context, rowCount) {
    const node = unwrap(responseJson(response, context.output), context.wrapper);
    if (rowCount === 1) return { rows: [readOutputRow(node, context.output)] };
    if (!Array.isArray(node) || node.length !== rowCount) throw countMismatch(rowCount, Array.isArray(node) ? node.length : 1);
    return { rows: node.map((element) => readOutputRow(element, context.output)) };
  },
};
