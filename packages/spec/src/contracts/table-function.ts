import type { Expression, MapConstructor } from '../types/ast.js';
import type { Column, Row } from '../types/schema.js';
import type { DataType, SourceLocation } from '../types/sql-types.js';
import type { ResolvedModel } from './resolved-model.js';

/**
 * Where a table function is called, and what it does with the rows it is given:
 * - `lateral`: `FROM t, LATERAL TABLE(fn(...)) [AS] alias[(c1, ...)]`. Sees each row of the FROM
 *   items before it and yields that row widened by its output columns (ML_PREDICT: one output row
 *   per input row).
 * - `aggregate`: `SELECT fn(...) [AS name] FROM t [WHERE ...]`, alone in the select list. Reads
 *   every row that passed WHERE and yields rows of its output columns (ML_EVALUATE: one MAP row).
 */
export type TableFunctionKind = 'lateral' | 'aggregate';

/** The call as written in the SQL; `name` is upper-cased. Model arguments are `model_ref` nodes. */
export interface TableFunctionCall {
  readonly name: string;
  readonly kind: TableFunctionKind;
  readonly args: readonly Expression[];
  readonly location: SourceLocation;
  /** `AS alias(c1, c2)` of a lateral call, `AS name` of an aggregate; the kernel renames the columns. */
  readonly columnAliases?: readonly string[];
}

/** An argument compiled against the columns in scope: its SQL type and its value for a row. */
export interface TableFunctionArgument {
  readonly type: DataType;
  readonly location: SourceLocation;
  readonly evaluate: (row: Row) => unknown;
  /** An untyped NULL literal: it fits any type. */
  readonly untypedNull?: boolean;
}

/** A model with the runtime configuration MAP of one call, as the kernel will run it. The config is the kernel's: pass it on unread. */
export interface ModelCallPlan {
  readonly model: ResolvedModel;
  readonly config: unknown;
}

/** The codes a table function reports binding problems with (docs/errors.md). */
export type TableFunctionBindErrorCode = 'LATERAL_ERR_BIND_ARGUMENTS' | 'LATERAL_ERR_BIND_TYPE_MISMATCH' | 'LATERAL_ERR_BIND_UNSUPPORTED';

/**
 * What the kernel lends a table function while it binds one call: model lookup, argument
 * compilation against the FROM columns, the runtime configuration MAP, located errors. Kernel
 * internals (plan nodes, the inference runtime, the catalog) stay behind it.
 */
export interface TableFunctionBindContext {
  /** The model a `model_ref` argument names; fails, located, for a missing model or `$all`. */
  model(arg: Expression | undefined, call: TableFunctionCall): ResolvedModel;
  /**
   * Every version a `model_ref` argument names: all of them, oldest first, for `name$all`
   * (ML_EVALUATE reports one row per version), else the one version `model` resolves.
   */
  models(arg: Expression | undefined, call: TableFunctionCall): ResolvedModel[];
  /** Compiles an argument over the columns in scope (unknown columns fail, located). */
  argument(arg: Expression): TableFunctionArgument;
  /**
   * Compiles an argument and converts it to `type` by the rules an INSERT into a column of that
   * type follows; when it does not fit, fails at the argument with `mismatch(actualTypeText)`.
   */
  argumentAs(arg: Expression, type: DataType, mismatch: (actual: string) => string): TableFunctionArgument;
  /** Reads the trailing runtime configuration MAP (reference §11.1) of a call to `model`. */
  invocation(model: ResolvedModel, map: MapConstructor | undefined, call: TableFunctionCall): ModelCallPlan;
  /** A located binding error to throw. */
  error(code: TableFunctionBindErrorCode, message: string, location: SourceLocation): Error;
  /** `STRING`, `ARRAY<FLOAT>`, `DECIMAL(10, 2)`: a type as messages write it. */
  typeText(type: DataType): string;
}

/** What a bound call must tell the kernel; a function adds whatever its operator needs. */
export interface BoundTableFunction {
  /** Its output columns in row order (before the kernel applies the call's column aliases). */
  readonly outputColumns: readonly Column[];
}

export interface InferenceRow<T> {
  tag: T;
  values: Row;
}

export interface InferredRow<T> {
  tag: T;
  /** Values in the model's OUTPUT column order. */
  output: Row;
}

/** What the kernel lends a table function's operator while a statement runs. */
export interface TableFunctionRunContext {
  readonly signal?: AbortSignal;
  /**
   * Streams rows through a model (batching, retries, rate limits, the in-flight window: the
   * kernel's). Pulls inputs only as fast as the model takes them; yields outputs in input order
   * unless the call's `ordered` is false.
   */
  infer<T>(invocation: ModelCallPlan, inputs: AsyncIterable<Array<InferenceRow<T>>>): AsyncIterable<Array<InferredRow<T>>>;
}

/**
 * A table function (ML_PREDICT, AI_COMPLETE, AI_EMBEDDING; next ML_EVALUATE ...). Registered by
 * name (case-insensitive) through `PluginRegistrar.registerTableFunction`; a statement that calls
 * an unregistered one loads `@lateral/function-<name>` (ML_EVALUATE → @lateral/function-ml-evaluate).
 */
export interface TableFunctionV1<B extends BoundTableFunction = BoundTableFunction> {
  readonly specificationVersion: 'v1';
  /** Upper-case SQL name, e.g. `ML_PREDICT`. */
  readonly name: string;
  readonly kind: TableFunctionKind;
  /**
   * The position of the argument that names a model (ML_PREDICT: 0), if any. The kernel reads it
   * as a model name however it is written ('db.m$2', `m$2`, m) — the grammar does so only for
   * the dialect's own names — and loads the model's provider before binding.
   */
  readonly modelArgument?: number;
  /** Checks the arguments now, before any row is read; throws `context.error(...)`. */
  bind(call: TableFunctionCall, context: TableFunctionBindContext): B;
  /**
   * The rows of the call. `input` is the batches of rows in scope (FROM items before a lateral
   * call; rows that passed WHERE for an aggregate). A lateral operator yields each input row
   * followed by its output values; an aggregate yields rows of its output columns only.
   * Closing the returned iterator early (LIMIT) must stop its work.
   */
  operator(bound: B, input: AsyncIterable<Row[]>, context: TableFunctionRunContext): AsyncIterable<Row[]>;
}
