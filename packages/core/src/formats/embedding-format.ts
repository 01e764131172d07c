import type { Diagnostic } from '@lateral/spec';
import type { FormatContext, TokenUsage } from '@lateral/spec';
import type { Column, Row } from '@lateral/spec';
import { assertBatchSize, batchLimit } from './format-batching.js';
import { countMismatch, responseError } from './format-errors.js';
import { convertField } from './output-lookup.js';
import { arrayDepth, checkEmbeddingOutput, checkSingleStringInput } from './schema-checks.js';
import type { FormatPair } from './single-prompt-format.js';
import { toTextValue } from './value-encode.js';

/** One embedding wire format: texts in, one vector per text out (reference §9.5). */
export interface EmbeddingSpec {
  id: string;
  aliases?: readonly string[];
  /** Texts one request may carry for this context, before the output-format check. */
  maxTexts(context: FormatContext): number;
  validateInput?(context: FormatContext): Diagnostic[];
  /** The request body for the texts of a batch (one per row, or one row's ARRAY<STRING>). */
  body(texts: string[], context: FormatContext): Record<string, unknown>;
  /** One vector (or list of vectors) per input row, in row order; throws on a count mismatch. */
  vectors(document: unknown, context: FormatContext, rowCount: number): unknown[];
  usage?(document: unknown): TokenUsage | undefined;
}

/** Fails with the reference's count message unless the response has one result per row. */
export function expectCount(results: unknown, rowCount: number, path: string): unknown[] {
  if (!Array.isArray(results)) {
    throw responseError(`Error parsing ML Predict response: Expected field ${path} not found in json response.`);
  }
  if (results.length !== rowCount) throw countMismatch(rowCount, results.length);
  return results;
}

/** A single vector for an ARRAY<ARRAY<FLOAT>> column is wrapped; a wrapped one for ARRAY<FLOAT> is unwrapped by decodeValue. */
function embeddingCell(vector: unknown, column: Column): unknown {
  const wanted = arrayDepth(column.dataType);
  const isFlat = Array.isArray(vector) && !Array.isArray(vector[0]);
  return convertField(wanted === 2 && isFlat ? [vector] : vector, column);
}

function textsOf(rows: Row[], context: FormatContext): string[] {
  const column = context.input[0];
  if (!column) return rows.map((row) => String(row[0] ?? ''));
  if (column.dataType.kind === 'ARRAY') {
    const element = column.dataType.element;
    return ((rows[0]![0] as unknown[] | null) ?? []).map((text) => toTextValue(text, element));
  }
  return rows.map((row) => toTextValue(row[0], column.dataType));
}

export function defineEmbeddingFormat(spec: EmbeddingSpec): FormatPair {
  const aliases = spec.aliases ?? [];
  const maxRows = (context: FormatContext): number => batchLimit(context, spec.maxTexts(context), [spec.id]);
  return {
    input: {
      specificationVersion: 'v1',
      id: spec.id,
      aliases,
      kind: 'embedding',
      contentType: 'application/json',
      defaultOutputFormat: spec.id,
      maxRowsPerRequest: maxRows,
      validate: (context) => spec.validateInput?.(context) ?? checkSingleStringInput(spec.id, context.input),
      encode(rows, context) {
        assertBatchSize(spec.id, maxRows(context), rows.length);
        return { body: JSON.stringify(spec.body(textsOf(rows, context), context)) };
      },
    },
    output: {
      specificationVersion: 'v1',
      id: spec.id,
      aliases,
      accept: 'application/json',
      validate: (context) => checkEmbeddingOutput(context.output),
      decode(response, context, rowCount) {
        const document = response.json();
        const column = context.output[0] ?? { name: 'embedding', dataType: { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true } };
        const rows = spec.vectors(document, context, rowCount).map((vector) => [embeddingCell(vector, column)]);
        const usage = spec.usage?.(document);
        return usage ? { rows, usage } : { rows };
      },
    },
  };
}
