import { LateralError } from '@lateral/spec';
import type { FormatContext, InputFormatV1, OutputFormatV1, ParamObject, ParamValue, Row } from '@lateral/spec';
import { checkEmbeddingOutput, checkSingleStringInput, isNestedEmbedding } from './gemini-embed-schema.js';

export const GEMINI_EMBED_FORMAT_ID = 'GEMINI-EMBED';
/** The `operation` GEMINI-EMBED asks the googleai transport for (it rewrites `:embedContent`). */
export const BATCH_EMBED_OPERATION = 'batchEmbedContents';
/** The Gemini API rejects batches over 100 requests (reference §11.3). */
export const GEMINI_EMBED_MAX_ROWS = 100;

/**
 * Lateral extension: Gemini API embeddings through `:batchEmbedContents`, up to 100 rows per
 * request: `{"requests":[{"model","content":{"parts":[{"text"}]}, taskType?, title?, outputDimensionality?}]}`.
 * `model` comes from `googleai.model_version` when set, else the transport fills it in from the
 * endpoint path. `googleai.params.task_type`, `title` and `output_dimensionality` (or `dimensions`)
 * map to the API's fields; other params are copied into every request as they are.
 */
export const geminiEmbedInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: GEMINI_EMBED_FORMAT_ID,
  aliases: ['GEMINI-BATCH-EMBED'],
  kind: 'embedding',
  contentType: 'application/json',
  defaultOutputFormat: GEMINI_EMBED_FORMAT_ID,
  maxRowsPerRequest: () => GEMINI_EMBED_MAX_ROWS,
  validate: (context) => checkSingleStringInput(GEMINI_EMBED_FORMAT_ID, context.input),
  encode(rows: Row[], context: FormatContext) {
    const shared = { ...modelField(context.modelVersion), ...embedParams(context.params) };
    const requests = rows.map((row) => ({ ...shared, content: { parts: [{ text: textOf(row[0]) }] } }));
    return { body: JSON.stringify({ requests }), operation: BATCH_EMBED_OPERATION };
  },
};

/** `{"embeddings":[{"values":[…]},…]}` in request order, one per row. */
export const geminiEmbedOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: GEMINI_EMBED_FORMAT_ID,
  aliases: ['GEMINI-BATCH-EMBED'],
  accept: 'application/json',
  validate: (context) => checkEmbeddingOutput(GEMINI_EMBED_FORMAT_ID, context.output),
  decode(response, context, rowCount) {
    const body = response.json() as { embeddings?: unknown };
    const embeddings = Array.isArray(body?.embeddings) ? body.embeddings : undefined;
    if (!embeddings) throw responseError('Field embeddings not found in response.');
    if (embeddings.length !== rowCount) {
      throw new LateralError({
        code: 'LATERAL_ERR_PROVIDER_RESPONSE',
        message: `Unexpected number of results from ML Predict. Expected ${rowCount} but got ${embeddings.length}.`,
      });
    }
    const nested = context.output[0] !== undefined && isNestedEmbedding(context.output[0].dataType);
    const rows = embeddings.map((embedding: unknown, index: number) => {
      const values = (embedding as { values?: unknown } | null)?.values;
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
        throw responseError(`Field embeddings[${index}].values is not an array of numbers.`);
      }
      return [nested ? [values] : values];
    });
    return { rows };
  },
};

function modelField(modelVersion: string | undefined): { model?: string } {
  if (!modelVersion) return {};
  return { model: modelVersion.includes('/') ? modelVersion : `models/${modelVersion}` };
}

/** Params keys arrive lower-cased, so the API's camelCase names are restored here. */
const PARAM_NAMES: Record<string, string> = {
  task_type: 'taskType',
  tasktype: 'taskType',
  title: 'title',
  output_dimensionality: 'outputDimensionality',
  outputdimensionality: 'outputDimensionality',
  dimensions: 'outputDimensionality',
};

function embedParams(params: ParamObject): Record<string, ParamValue> {
  const fields: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = PARAM_NAMES[key] ?? key;
    // The API's TaskType enum is upper case; accept 'retrieval_document' as well.
    fields[name] = name === 'taskType' && typeof value === 'string' ? value.toUpperCase() : value;
  }
  return fields;
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function responseError(message: string): LateralError {
  return new LateralError({ code: 'LATERAL_ERR_PROVIDER_RESPONSE', message: `Error deserializing ML Prediction response: ${message}` });
}
