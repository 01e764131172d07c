import type { LateralPluginV1 } from '@lateral/spec';
import { vertexaiProvider } from './vertexai-provider.js';

/** Registers the vertexai provider; its default formats all come from core. */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-vertexai',
  provides: ['provider:vertexai'],
  dependencies: ['input-format:TF-SERVING', 'input-format:GEMINI-GENERATE', 'input-format:VERTEX-EMBED', 'input-format:ANTHROPIC-MESSAGES'],
  register(registrar) {
    registrar.registerProvider(vertexaiProvider);
  },
};
