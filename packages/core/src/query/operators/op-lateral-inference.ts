import { LateralError } from '@lateral/spec';
import { ProviderCallError } from '@lateral/spec';
import { ValueConversionError } from '../../expressions/expr-errors.js';
import { valueCoercer } from '../../expressions/expr-value-coerce.js';
import type { InferenceRow, TableFunctionRunContext } from '@lateral/spec';
import type { BoundModelCall } from '../../functions/model-call.js';
import type { Row } from '@lateral/spec';
import { throwIfAborted, type RowBatches } from './op-context.js';

type BoundLateral = BoundModelCall;

/** Joins an output back to its input row; `ordinal` (1-based) names the row in messages. */
interface InputTag {
  row: Row;
  ordinal: number;
}

/**
 * LATERAL TABLE(ML_PREDICT | AI_COMPLETE | AI_EMBEDDING): evaluates the arguments of each input
 * row into a model-input row and streams them through an inference session, which pulls input
 * batches only while its in-flight window has room (so a slow model slows the scan instead of
 * filling memory). Each output is coerced to the OUTPUT column types and appended to its input row.
 *
 * - A NULL argument is sent to the model as NULL: the input format decides how to encode it.
 * - Row failure policy: a call that still fails after the retry policy fails the whole statement
 *   (no row is skipped or nulled silently); the error names the function, the model and the row.
 * - Closing this iterator early (LIMIT) closes the session's iterator, which stops sending requests.
 */
export async function* lateralInferenceOperator(input: RowBatches, lateral: BoundLateral, context: TableFunctionRunContext): AsyncGenerator<Row[]> {
  const evaluates = lateral.arguments.map((arg) => arg.evaluate);
  let ordinal = 0;
  async function* inputs(): AsyncGenerator<Array<InferenceRow<InputTag>>> {
    for await (const batch of input) {
      throwIfAborted(context.signal);
      yield batch.map((row) => ({ tag: { row, ordinal: ++ordinal }, values: evaluates.map((evaluate) => evaluate(row)) }));
    }
  }
  const readOutput = outputReader(lateral);
  try {
    for await (const outputs of context.infer(lateral.invocation, inputs())) {
      if (outputs.length > 0) yield outputs.map(({ tag, output }) => [...tag.row, ...readOutput(output, tag.ordinal)]);
    }
  } catch (error) {
    throw describeFailure(error, lateral);
  }
}

function callName(lateral: BoundLateral): string {
  return `${lateral.functionName}('${lateral.model.name}')`;
}

/** Coerces one model output to the OUTPUT column types ("3" into INT, 0.5 into STRING, ...). */
function outputReader(lateral: BoundLateral): (output: Row, ordinal: number) => Row {
  const columns = lateral.outputColumns;
  const names = lateral.outputNames;
  const coercers = columns.map((c) => valueCoercer(c.dataType));
  return (output, ordinal) => {
    if (!Array.isArray(output) || output.length !== columns.length) {
      throw new LateralError({
        code: 'LATERAL_ERR_PROVIDER_RESPONSE',
        message: `${callName(lateral)} returned ${Array.isArray(output) ? output.length : 'no'} values for row ${ordinal}; the model has ${columns.length} OUTPUT columns`,
        location: lateral.location,
      });
    }
    return output.map((value, i) => {
      try {
        return coercers[i]!(value);
      } catch (error) {
        if (!(error instanceof ValueConversionError)) throw error;
        throw new LateralError({
          code: 'LATERAL_ERR_PROVIDER_RESPONSE',
          message: `${callName(lateral)} row ${ordinal}: OUTPUT column '${names[i]!}': ${error.message}`,
          location: lateral.location,
          details: { row: ordinal, column: names[i]! },
        });
      }
    });
  };
}

/**
 * Names the call in a failure coming out of the session and points it at the call in the SQL.
 * Errors that already point at the SQL (a failed CAST in an argument) and cancellations pass
 * through unchanged. A ProviderCallError stays one (status, masked body, retryability and the
 * runtime's row details are kept).
 */
function describeFailure(error: unknown, lateral: BoundLateral): unknown {
  if (!LateralError.isInstance(error) || error.location !== undefined || error.code === 'LATERAL_ERR_ABORTED') return error;
  const prefix = error.message.includes(`model '${lateral.model.name}'`) ? lateral.functionName : callName(lateral);
  const message = error.message.startsWith(lateral.functionName) ? error.message : `${prefix}: ${error.message}`;
  if (error instanceof ProviderCallError) {
    const rebuilt = new ProviderCallError({
      code: error.code,
      message,
      providerId: error.providerId,
      status: error.status,
      maskedBody: error.maskedBody,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      providerCode: error.providerCode,
      cause: error,
    });
    Object.assign(rebuilt.details ?? {}, error.details);
    // The class takes no location in its options; set it as the engine completes errors (in place).
    (rebuilt as unknown as { location?: BoundLateral['location'] }).location = lateral.location;
    return rebuilt;
  }
  return new LateralError({ ...error.toPlain(), message, location: lateral.location, cause: error });
}
