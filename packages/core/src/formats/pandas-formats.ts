import type { InputFormatV1 } from '@lateral/spec';
import { batchLimit } from './format-batching.js';
import { definePredictiveJsonInput } from './predictive-json-input.js';
import { toJsonValue } from './value-encode.js';

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
  return definePredictiveJsonInput({
    id: options.id,
    aliases: options.aliases,
    defaultOutputFormat: 'JSON-ARRAY',
    maxRowsPerRequest: (context) => batchLimit(context, PANDAS_MAX_ROWS, ['JSON-ARRAY']),
    body(rows, context) {
      const wrapper = options.fixedWrapper ? options.defaultWrapper : (context.wrapper ?? options.defaultWrapper);
      const frame = {
        index: rows.map((_row, index) => index),
        columns: context.input.map((column) => column.name),
        data: rows.map((row) => context.input.map((column, index) => toJsonValue(row[index], column.dataType))),
      };
      return { [wrapper]: frame };
    },
  });
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
