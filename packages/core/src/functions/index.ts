import type { LateralPluginV1 } from '@lateral/spec';
import type { TableFunctionV1 } from '@lateral/spec';
import { aiCompleteFunction } from './ai-complete.js';
import { aiEmbeddingFunction } from './ai-embedding.js';
import { mlPredictFunction } from './ml-predict.js';

/** The table functions the kernel ships; each is one file, registered as a plugin's would be. */
export const builtinTableFunctions: readonly TableFunctionV1[] = [mlPredictFunction, aiCompleteFunction, aiEmbeddingFunction] as readonly TableFunctionV1[];

export const builtinTableFunctionsPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/core/table-functions',
  provides: builtinTableFunctions.map((fn) => `table-function:${fn.name}`),
  register(registrar) {
    for (const fn of builtinTableFunctions) registrar.registerTableFunction(fn);
  },
};
