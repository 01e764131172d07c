import type { LateralPluginV1 } from '@lateral/spec';
import { openaiProvider } from './openai-provider.js';

/** Registers the `openai` provider; its default formats come from core's built-in formats. */
export const openaiPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-openai',
  provides: ['provider:openai'],
  dependencies: ['input-format:OPENAI-CHAT', 'input-format:OPENAI-EMBED'],
  register(registrar) {
    registrar.registerProvider(openaiProvider);
  },
};
