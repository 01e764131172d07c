import type { ColumnRef, SourceLocation } from '@lateral/parser';
import type { DataType, Row } from '@lateral/spec';

/**
 * An expression compiled once at bind time into a closure over a positional row: evaluating it per
 * row walks no tree and looks up no names.
 */
export interface CompiledExpression {
  readonly type: DataType;
  readonly evaluate: (row: Row) => unknown;
  readonly location: SourceLocation;
  /** Set when the value is known at bind time (literals and expressions of literals only). */
  readonly constant?: { value: unknown };
  /** An untyped NULL literal: it fits wherever a value of any type is expected. */
  readonly untypedNull?: boolean;
}

/** Where column references are resolved; the binder implements it for each FROM scope. */
export interface ExpressionScope {
  /** Returns the row position and type of a column, or throws a located LateralError. */
  resolveColumn(ref: ColumnRef): { index: number; type: DataType };
  /** The kind of the registered table function called `name` (upper-case), so a call in an expression fails clearly. */
  tableFunctionKind?(name: string): 'lateral' | 'aggregate' | undefined;
}

/**
 * Builds a compiled expression; when every child is a constant the value is computed now
 * (constant folding), unless that throws, in which case the error is left for run time so that
 * TRY_CAST and CASE branches keep their meaning.
 */
export function compiled(
  type: DataType,
  location: SourceLocation,
  evaluate: (row: Row) => unknown,
  children: readonly CompiledExpression[],
): CompiledExpression {
  if (children.every((child) => child.constant !== undefined)) {
    try {
      const value = evaluate([]);
      return { type, location, evaluate: () => value, constant: { value } };
    } catch {
      return { type, location, evaluate };
    }
  }
  return { type, location, evaluate };
}

export function constantExpression(type: DataType, location: SourceLocation, value: unknown): CompiledExpression {
  return { type, location, evaluate: () => value, constant: { value } };
}
