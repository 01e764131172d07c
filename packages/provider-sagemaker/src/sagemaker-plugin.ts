import type { LateralPluginV1 } from '@lateral/spec';
import { sagemakerProvider } from './sagemaker-provider.js';

/** Registers the `sagemaker` provider; its default CSV format comes from core. */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-sagemaker',
  provides: ['provider:sagemaker'],
  dependencies: ['input-format:CSV'],
  register(registrar) {
    registrar.registerProvider(sagemakerProvider);
  },
};
