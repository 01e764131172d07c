import type { InputFormatV1 } from '@lateral/spec';
import { assertBatchSize, batchLimit } from './format-batching.js';
import { checkAtLeastOneInput, checkSerializableInputs } from './schema-checks.js';
import { jsonBody, toJsonValue } from './value-encode.js';

/** Rows per request for the dataframe formats: they carry a table, answered with one prediction per row. */
export const PANDAS_MAX_ROWS = 100;

interface PandasOptions {
  id: string;
  aliases: readonly string[];
  defaultWrapper: string;
  /** AZUREML-PANDAS-DATAFRAME is `PANDAS-DATAFRAME:input_data` whatever `:wrapper` says. */
  fixedWrapper: boolean;
}

function pandasInput(options: PandasOptions): InputFormatV1 {
  const maxRows: InputFormatV1['maxRowsPerRequest'] = (context) => batchLimit(context, PANDAS_MAX_ROWS, ['JSON-ARRAY']);
  return {
    specificationVersion: 'v1',
    id: options.id,
    aliases: options.aliases,
    kind: 'predictive',
    contentType: 'application/json',
    defaultOutputFormat: 'JSON-ARRAY',
    maxRowsPerRequest: maxRows,
    validate: (context) => [...checkAtLeastOneInput(options.id, context.input), ...checkSerializableInputs(context.input)],
    encode(rows, context) {
      assertBatchSize(options.id, maxRows(context), rows.length);
      const wrapper = options.fixedWrapper ? options.defaultWrapper : (context.wrapper ?? options.defaultWrapper);
      const frame = {
        index: rows.map((_row, index) => index),
        columns: context.input.map((column) => column.name),
        data: rows.map((row) => context.input.map((column, index) => toJsonValue(row[index], column.dataType))),
      };
      return { body: jsonBody({ [wrapper]: frame }, context.input) };
    },
  };
}

/** MLflow pandas "split" orientation: `{"dataframe_split": {"index", "columns", "data"}}`. */
export const pandasDataframeInputFormat = pandasInput({
  id: 'PANDAS-DATAFRAME',
  aliases: ['PANDAS_DATAFRAME_SPLIT'],
  defaultWrapper: 'dataframe_split',
  fixedWrapper: false,
});

/** Azure ML MLflow deployments: the same frame under `input_data` (protocols §9.2). */
export const azureMlPandasDataframeInputFormat = pandasInput({
  id: 'AZUREML-PANDAS-DATAFRAME',
  aliases: ['AZUREML_PANDAS_DATAFRAME_SPLIT'],
  defaultWrapper: 'input_data',
  fixedWrapper: true,
});
