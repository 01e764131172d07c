import type { LateralPluginV1 } from '@lateral/spec';
import { azuremlProvider } from './azureml-provider.js';

/** Registers the `azureml` provider; the formats it defaults to come from core. */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-azureml',
  provides: ['provider:azureml'],
  dependencies: ['input-format:AZUREML-PANDAS-DATAFRAME', 'input-format:OPENAI-CHAT', 'input-format:OPENAI-EMBED'],
  register(registrar) {
    registrar.registerProvider(azuremlProvider);
  },
};
