import type { LateralPluginV1 } from '@lateral/spec';
import { fireworksaiProvider } from './fireworksai-provider.js';

/** Registers the `fireworksai` provider; its default formats come from core's built-in formats. */
export const fireworksaiPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-fireworksai',
  provides: ['provider:fireworksai'],
  dependencies: ['input-format:OPENAI-CHAT', 'input-format:OPENAI-EMBED'],
  register(registrar) {
    registrar.registerProvider(fireworksaiProvider);
  },
};
