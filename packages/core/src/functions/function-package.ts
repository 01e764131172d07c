import { pluginPackageFor } from '@lateral/spec';

/**
 * The naming rule for table-function packages: ML_EVALUATE is served by
 * `@lateral/function-ml-evaluate` (lower-cased, `_` → `-`), as provider `x` is by `@lateral/provider-x`.
 */
export function tableFunctionPackageFor(name: string): string {
  return pluginPackageFor('table-function', name);
}

/** SQL function names are plain words: never let a statement choose an arbitrary module path. */
export const TABLE_FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Dialect functions (reference §11) Lateral parses but does not ship yet: kept UNSUPPORTED, not UNKNOWN. */
export const NOT_YET_SUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set(['ML_EVALUATE', 'AI_TOOL_INVOKE']);
