import type { FormatContext, InputFormatV1 } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import { assertBatchSize } from './format-batching.js';
import { checkAtLeastOneInput, checkSerializableInputs } from './schema-checks.js';
import { jsonBody } from './value-encode.js';

export interface PredictiveJsonInputSpec {
  id: string;
  aliases: readonly string[];
  defaultOutputFormat: string;
  /** Rows one request may carry for this model. */
  maxRowsPerRequest: InputFormatV1['maxRowsPerRequest'];
  /** The JSON document for a batch of rows (at most maxRowsPerRequest of them). */
  body(rows: Row[], context: FormatContext): unknown;
}

/**
 * A predictive input format whose request is one JSON document (JSON, pandas dataframes, TF
 * Serving instances): the shared schema checks, the batch-size guard and the exact-number JSON
 * encoding, so each format only says what its document looks like.
 */
export function definePredictiveJsonInput(spec: PredictiveJsonInputSpec): InputFormatV1 {
  return {
    specificationVersion: 'v1',
    id: spec.id,
    aliases: spec.aliases,
    kind: 'predictive',
    contentType: 'application/json',
    defaultOutputFormat: spec.defaultOutputFormat,
    maxRowsPerRequest: spec.maxRowsPerRequest,
    validate: (context) => [...checkAtLeastOneInput(spec.id, context.input), ...checkSerializableInputs(context.input)],
    encode(rows, context) {
      assertBatchSize(spec.id, spec.maxRowsPerRequest(context), rows.length);
      return { body: jsonBody(spec.body(rows, context), context.input) };
    },
  };
}
