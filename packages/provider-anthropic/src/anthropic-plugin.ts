import type { LateralPluginV1 } from '@lateral/spec';
import { anthropicProvider } from './anthropic-provider.js';

/** Registers the `anthropic` provider; ANTHROPIC-MESSAGES comes from core's built-in formats. */
export const anthropicPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-anthropic',
  provides: ['provider:anthropic'],
  dependencies: ['input-format:ANTHROPIC-MESSAGES'],
  register(registrar) {
    registrar.registerProvider(anthropicProvider);
  },
};
