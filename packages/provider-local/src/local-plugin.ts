import type { LateralPluginV1 } from '@lateral/spec';
import { confluentProvider, localProvider } from './local-provider.js';

/** Registers `local` and `confluent`: one runtime, two names (see local-provider.ts). */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-local',
  provides: ['provider:local', 'provider:confluent'],
  dependencies: ['input-format:OPENAI-EMBED', 'input-format:CONFLUENT-CHAT'],
  register(registrar) {
    registrar.registerProvider(localProvider);
    registrar.registerProvider(confluentProvider);
  },
};
