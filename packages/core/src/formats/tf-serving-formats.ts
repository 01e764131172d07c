import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { Column, Row } from '@lateral/spec';
import { batchLimit } from './format-batching.js';
import { countMismatch, responseError } from './format-errors.js';
import { readPointer, wrapperPointer } from './json-pointer.js';
import { convertField, readOutputRow } from './output-lookup.js';
import {
  checkAtLeastOneOutput,
  checkDeserializableOutputs,
  isBinaryType,
} from './schema-checks.js';
import { toBase64, toJsonValue } from './value-encode.js';
import { definePredictiveJsonInput } from './predictive-json-input.js';
import { responseJson } from './response-json.js';

/** Instances per request (the `instances` array; Vertex endpoints cap it per deployed model). */
export const TF_SERVING_MAX_ROWS = 100;

/** TF Serving names binary inputs `<name>_bytes` and wraps their base64 in `{"b64": …}`. */
function instanceEntry(column: Column, value: unknown): [string, unknown] {
  if (!isBinaryType(column.dataType)) return [column.name, toJsonValue(value, column.dataType)];
  const name = column.name.endsWith('_bytes') ? column.name : `${column.name}_bytes`;
  return [name, value === null || value === undefined ? null : { b64: toBase64(value as Uint8Array) }];
}

/** One input is the instance itself; several are an object keyed by column name. */
function instance(row: Row, context: FormatContext, wrapper: string | undefined): unknown {
  const entries = context.input.map((column, index) => instanceEntry(column, row[index]));
  const value = entries.length === 1 ? entries[0]![1] : Object.fromEntries(entries);
  return wrapper === undefined ? value : { [wrapper]: value };
}

interface TfServingOptions {
  id: string;
  aliases: readonly string[];
  /** VERTEXAI-PYTORCH wraps every instance in `{"data": …}` whatever `:wrapper` says. */
  fixedWrapper?: string;
}

function tfServingInput(options: TfServingOptions): InputFormatV1 {
  return definePredictiveJsonInput({
    id: options.id,
    aliases: options.aliases,
    defaultOutputFormat: 'TF-SERVING',
    maxRowsPerRequest: (context) => batchLimit(context, TF_SERVING_MAX_ROWS, ['TF-SERVING']),
    body(rows, context) {
      const wrapper = options.fixedWrapper ?? context.wrapper;
      const body: Record<string, unknown> = { instances: rows.map((row) => instance(row, context, wrapper)) };
      // Vertex `:predict` reads model parameters beside the instances (protocols §13.3)
      if (Object.keys(context.params).length > 0) body.parameters = structuredClone(context.params);
      return body;
    },
  });
}

/** TF Serving row format, also KServe V1 and Vertex custom endpoints: `{"instances": [...]}`. */
export const tfServingInputFormat = tfServingInput({ id: 'TF-SERVING', aliases: ['TENSORFLOW_SERVING', 'TF_SERVING_ROW', 'KSERVE_V1'] });

/** Vertex AI PyTorch containers: TF Serving with each instance under `data`. */
export const vertexAiPytorchInputFormat = tfServingInput({ id: 'VERTEXAI-PYTORCH', aliases: [], fixedWrapper: 'data' });

function predictionRow(prediction: unknown, outputs: readonly Column[]): Row {
  if (typeof prediction === 'object' && prediction !== null && !Array.isArray(prediction)) return readOutputRow(prediction, outputs);
  if (outputs.length === 1) return [convertField(prediction, outputs[0]!)];
  if (Array.isArray(prediction)) return readOutputRow(prediction, outputs);
  throw responseError('Remote ML Predict prediction returned a single prediction column when multiple columns were expected');
}

/**
 * TF Serving output: `/predictions` (or the pointer given as `:wrapper`), one prediction per
 * instance; an object prediction is read by column name, anything else serves a single output.
 */
export const tfServingOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'TF-SERVING',
  aliases: ['TENSORFLOW_SERVING', 'KSERVE_V1', 'JSON_ARRAY_OF_OBJECTS'],
  accept: 'application/json',
  validate: (context) => [...checkAtLeastOneOutput('TF-SERVING', context.output), ...checkDeserializableOutputs(context.output)],
  decode(response, context, rowCount) {
    const document = responseJson(response, context.output);
    const pointer = wrapperPointer(context.wrapper ?? 'predictions');
    const read = readPointer(document, pointer);
    if (!read.found) {
      const error = (document as { error?: unknown } | null)?.error;
      if (error !== undefined) throw responseError(`Remote ML Predict error: ${typeof error === 'string' ? error : JSON.stringify(error)}`);
      throw responseError(`No '${pointer}' field found in ML Predict response.`);
    }
    const predictions = read.value;
    if (!Array.isArray(predictions)) throw responseError(`The '${pointer}' field of the ML Predict response was not a JSON array.`);
    // one row reads the first prediction, as the 2024 parser did; a batch needs one per row
    if (rowCount === 1 ? predictions.length === 0 : predictions.length !== rowCount) throw countMismatch(rowCount, predictions.length);
    return { rows: predictions.slice(0, rowCount).map((prediction) => predictionRow(prediction, context.output)) };
  },
};
