import type { LateralPluginV1 } from '@lateral/spec';
import { azureopenaiProvider } from './azureopenai-provider.js';

/** Registers the `azureopenai` provider; its default formats come from core's built-in formats. */
export const azureopenaiPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-azureopenai',
  provides: ['provider:azureopenai'],
  dependencies: ['input-format:OPENAI-CHAT', 'input-format:OPENAI-EMBED'],
  register(registrar) {
    registrar.registerProvider(azureopenaiProvider);
  },
};
