import type { Expression, MapConstructor, SourceLocation } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import type {
  BoundTableFunction,
  ModelCallPlan,
  TableFunctionArgument,
  TableFunctionBindContext,
  TableFunctionCall,
  TableFunctionV1,
} from '@lateral/spec';
import { lateralInferenceOperator } from '../query/operators/op-lateral-inference.js';
import type { Column } from '@lateral/spec';

/** A bound `fn(model, args... [, MAP[...]])` call: the model, its configuration and its INPUT arguments. */
export interface BoundModelCall extends BoundTableFunction {
  functionName: string;
  model: ResolvedModel;
  invocation: ModelCallPlan;
  /** One per model INPUT column, already converted to that column's type. */
  arguments: TableFunctionArgument[];
  /** The model OUTPUT columns, nullable. */
  outputColumns: Column[];
  /** Their names as the query knows them (renamed by `AS alias(c1, ...)`), for messages. */
  outputNames: string[];
  location: SourceLocation;
}

export interface ModelCallOptions {
  name: string;
  /** Rejects a model whose INPUT/OUTPUT this function cannot serve (AI_COMPLETE: STRING → STRING). */
  checkModel?(model: ResolvedModel, modelArg: Expression, context: TableFunctionBindContext): void;
  /** The message when the number of arguments after the model does not match its INPUT. */
  arityMessage(given: number, model: ResolvedModel): string;
}

export const describeColumns = (columns: readonly Column[], context: TableFunctionBindContext): string =>
  `(${columns.map((c) => `${c.name} ${context.typeText(c.dataType)}`).join(', ')})`;

/**
 * The shared shape of ML_PREDICT, AI_COMPLETE and AI_EMBEDDING: a lateral table function whose
 * first argument names a model, whose next arguments feed its INPUT columns, whose optional last
 * MAP is the runtime configuration, and whose output columns are the model OUTPUT columns. The
 * model is resolved at bind time, so a missing model or secret fails before any row is read.
 */
export function modelCallFunction(options: ModelCallOptions): TableFunctionV1<BoundModelCall> {
  const { name } = options;
  return {
    specificationVersion: 'v1',
    name,
    kind: 'lateral',
    modelArgument: 0,
    bind(call: TableFunctionCall, context: TableFunctionBindContext): BoundModelCall {
      const [first, ...rest] = call.args;
      const model = context.model(first, call);
      options.checkModel?.(model, first!, context);
      const last = rest[rest.length - 1];
      const configMap = last?.type === 'map' ? (last as MapConstructor) : undefined;
      const dataArgs: Expression[] = configMap ? rest.slice(0, -1) : rest;
      const invocation = context.invocation(model, configMap, call);
      if (dataArgs.length !== model.input.length) {
        throw context.error(
          'LATERAL_ERR_BIND_ARGUMENTS',
          `${options.arityMessage(dataArgs.length, model)}: model '${model.name}' has INPUT ${describeColumns(model.input, context)}`,
          call.location,
        );
      }
      // A model INPUT column takes what an INSERT into a column of that type takes (the rules WHERE
      // comparisons follow too): numbers never become text silently — 1, 2, … sent as '1', '2' to a
      // sentiment model is a paid mistake. An untyped NULL fits any input; the format encodes it.
      const args = dataArgs.map((arg, i) => {
        const input = model.input[i]!;
        return context.argumentAs(
          arg,
          input.dataType,
          (actual) =>
            `Argument ${i + 1} of ${name}('${model.name}') is ${actual} but model input '${input.name}' is ${context.typeText(input.dataType)}; convert it with CAST(... AS ${context.typeText(input.dataType)})`,
        );
      });
      const outputColumns = model.output.map((column) => ({ name: column.name, dataType: { ...column.dataType, nullable: true } }));
      const outputNames = outputColumns.map((column, i) => call.columnAliases?.[i] ?? column.name);
      return { functionName: name, model, invocation, arguments: args, outputColumns, outputNames, location: call.location };
    },
    operator: (bound, input, context) => lateralInferenceOperator(input, bound, context),
  };
}
