import { parseModelName, type Expression, type ModelRef, type ObjectName } from '@lateral/parser';
import type { TableFunctionV1 } from '@lateral/spec';

const VERSION_SUFFIX = /^([\s\S]+)\$([0-9]+|all)$/i;

/**
 * Reads an argument as a model name however it is written, as the grammar reads the first
 * argument of the dialect's own model functions: a `model_ref` as is, a string ('db.m$2') by the
 * model-name rules, a column reference (`m$2`, db.m, m) by its parts. Undefined for anything else.
 */
export function asModelRef(arg: Expression): ModelRef | undefined {
  if (arg.type === 'model_ref') return arg;
  let name: Omit<ObjectName, 'location'> | undefined;
  if (arg.type === 'literal' && typeof arg.value === 'string') {
    name = parseModelName(arg.value);
  } else if (arg.type === 'column') {
    const parts = arg.qualifier === undefined ? [arg.name] : [arg.qualifier, arg.name];
    const match = VERSION_SUFFIX.exec(parts[parts.length - 1]!);
    if (match) parts[parts.length - 1] = match[1]!;
    name = { type: 'object_name', parts, ...(match ? { version: match[2]!.toLowerCase() === 'all' ? ('all' as const) : Number(match[2]) } : {}) };
  }
  if (!name) return undefined;
  return {
    type: 'model_ref',
    name: { ...name, location: arg.location },
    style: arg.type === 'literal' ? 'string' : 'bare',
    location: arg.location,
  };
}

/** The call's arguments with the one `fn.modelArgument` names read as a model name (left as is when it is not one). */
export function withModelArgument(fn: Pick<TableFunctionV1, 'modelArgument'>, args: readonly Expression[]): readonly Expression[] {
  const position = fn.modelArgument;
  if (position === undefined || args[position] === undefined || args[position]!.type === 'model_ref') return args;
  const ref = asModelRef(args[position]!);
  return ref ? args.map((arg, i) => (i === position ? ref : arg)) : args;
}
