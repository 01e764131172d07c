import type { FormatContext } from '@lateral/spec';
import { extraParams } from '../options/params.js';
import type { ParamObject, ParamValue } from '@lateral/spec';
import { defineEmbeddingFormat, expectCount } from './embedding-format.js';
import { countMismatch, responseError } from './format-errors.js';
import { readPointer } from './json-pointer.js';
import { checkSingleStringOrArrayInput } from './schema-checks.js';
import { mergeExtras, numberAt, tokenUsage } from './single-prompt-format.js';

/** `encoding_format: base64` answers carry little-endian float32 values (protocols §3.4). */
function decodeBase64Floats(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.byteLength; offset += 4) values.push(view.getFloat32(offset, true));
  return values;
}

/**
 * OpenAI embeddings (alias AZURE-EMBED): up to 2048 inputs per request; results are matched to
 * inputs by `data[i].index`. `encoding_format` is sent as `float` explicitly.
 */
export const openAiEmbedFormat = defineEmbeddingFormat({
  id: 'OPENAI-EMBED',
  aliases: ['AZURE-EMBED'],
  maxTexts: () => 2048,
  body(texts, context) {
    // the provider's declared default, for APIs that require `model`; other hosts name it in the URL
    const model = context.modelVersion ?? context.defaults?.modelVersion;
    return mergeExtras({ input: texts, ...(model === undefined ? {} : { model }), encoding_format: 'float' }, extraParams(context.params));
  },
  vectors(document, _context, rowCount) {
    const data = expectCount((document as { data?: unknown } | null)?.data, rowCount, '/data');
    const vectors: unknown[] = new Array(rowCount);
    data.forEach((item, position) => {
      const entry = item as { index?: unknown; embedding?: unknown };
      const index = typeof entry.index === 'number' ? entry.index : position;
      if (index < 0 || index >= rowCount || vectors[index] !== undefined) {
        throw responseError(`Error parsing ML Predict response: embedding index ${index} is out of range or repeated.`);
      }
      vectors[index] = typeof entry.embedding === 'string' ? decodeBase64Floats(entry.embedding) : entry.embedding;
    });
    return vectors;
  },
  usage: (document) => tokenUsage(numberAt(document, '/usage/prompt_tokens'), undefined),
});

/** Bedrock and Cohere cap a request at 96 texts (protocols §7.3). */
const COHERE_MAX_TEXTS = 96;

function isArrayInput(context: FormatContext): boolean {
  return context.input[0]?.dataType.kind === 'ARRAY';
}

/**
 * Cohere Embed v3. A STRING input batches rows (one text each); an ARRAY<STRING> input sends one
 * row's array as the texts and reads all vectors into that row's ARRAY<ARRAY<FLOAT>>.
 */
export const cohereEmbedFormat = defineEmbeddingFormat({
  id: 'COHERE-EMBED',
  maxTexts: (context) => (isArrayInput(context) ? 1 : COHERE_MAX_TEXTS),
  validateInput: (context) => checkSingleStringOrArrayInput('COHERE-EMBED', context.input),
  body(texts, context) {
    const inputType = context.params.input_type ?? 'search_document';
    return mergeExtras({ texts, input_type: inputType }, extraParams(context.params));
  },
  vectors(document, context, rowCount) {
    let embeddings = (document as { embeddings?: unknown } | null)?.embeddings;
    // with `embedding_types` the answer is {"float": [[...]], ...}
    if (typeof embeddings === 'object' && embeddings !== null && !Array.isArray(embeddings)) {
      const byType = embeddings as Record<string, unknown>;
      embeddings = byType.float ?? Object.values(byType)[0];
    }
    if (isArrayInput(context)) {
      if (rowCount !== 1) throw countMismatch(1, rowCount);
      return [expectCount(embeddings, Array.isArray(embeddings) ? embeddings.length : 0, '/embeddings')];
    }
    return expectCount(embeddings, rowCount, '/embeddings');
  },
  usage: (document) => tokenUsage(numberAt(document, '/meta/billed_units/input_tokens'), undefined),
});

/** Amazon Titan Embeddings: one text per call (protocols §7.3); v2 knobs pass through. */
export const amazonTitanEmbedFormat = defineEmbeddingFormat({
  id: 'AMAZON-TITAN-EMBED',
  maxTexts: () => 1,
  body: (texts, context) => mergeExtras({ inputText: texts[0] ?? '' }, extraParams(context.params)),
  vectors(document, _context, rowCount) {
    if (rowCount !== 1) throw countMismatch(rowCount, 1);
    const direct = readPointer(document, '/embedding');
    const vector = direct.found ? direct : readPointer(document, '/embeddingsByType/float');
    if (!vector.found) throw responseError('Error parsing ML Predict response: Expected field /embedding not found in json response.');
    return [vector.value];
  },
  usage: (document) => tokenUsage(numberAt(document, '/inputTextTokenCount'), undefined),
});

/** Per-instance fields of Vertex text embeddings; every other param goes to `parameters`. */
const VERTEX_INSTANCE_FIELDS = new Set(['task_type', 'title']);
/** Param keys arrive lower-cased; Vertex's `parameters` names are camelCase. */
const VERTEX_PARAMETER_NAMES: Record<string, string> = {
  outputdimensionality: 'outputDimensionality',
  autotruncate: 'autoTruncate',
};

/** ≤ 250 instances per request, exactly 1 for gemini-embedding models (protocols §13.4). */
function vertexMaxTexts(context: FormatContext): number {
  return context.modelVersion?.toLowerCase().includes('gemini-embedding') ? 1 : 250;
}

/** Vertex AI text embeddings through `:predict`. */
export const vertexEmbedFormat = defineEmbeddingFormat({
  id: 'VERTEX-EMBED',
  maxTexts: vertexMaxTexts,
  body(texts, context) {
    const instanceFields: ParamObject = {};
    const parameters: Record<string, ParamValue> = {};
    for (const [key, value] of Object.entries(extraParams(context.params))) {
      if (VERTEX_INSTANCE_FIELDS.has(key)) instanceFields[key] = value;
      else parameters[VERTEX_PARAMETER_NAMES[key] ?? key] = value;
    }
    const body: Record<string, unknown> = { instances: texts.map((content) => ({ content, ...instanceFields })) };
    if (Object.keys(parameters).length > 0) body.parameters = parameters;
    return body;
  },
  vectors(document, _context, rowCount) {
    const predictions = expectCount((document as { predictions?: unknown } | null)?.predictions, rowCount, '/predictions');
    return predictions.map((prediction, index) => {
      const values = readPointer(prediction, '/embeddings/values');
      if (!values.found) {
        throw responseError(`Error parsing ML Predict response: Expected field /predictions/${index}/embeddings/values not found in json response.`);
      }
      return values.value;
    });
  },
  usage(document) {
    const predictions = (document as { predictions?: unknown } | null)?.predictions;
    if (!Array.isArray(predictions)) return undefined;
    const counts = predictions.map((prediction) => numberAt(prediction, '/embeddings/statistics/token_count'));
    return counts.every((count) => count === undefined) ? undefined : tokenUsage(counts.reduce<number>((sum, count) => sum + (count ?? 0), 0), undefined);
  },
});
