import type { LateralPluginV1 } from '@lateral/spec';
import { bedrockProvider } from './bedrock-provider.js';

/** Registers the `bedrock` provider; the model-family formats it defaults to come from core. */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-bedrock',
  provides: ['provider:bedrock'],
  dependencies: [
    'input-format:AMAZON-TITAN-TEXT',
    'input-format:AMAZON-TITAN-EMBED',
    'input-format:AI-21-COMPLETE',
    'input-format:ANTHROPIC-COMPLETIONS',
    'input-format:ANTHROPIC-MESSAGES',
    'input-format:COHERE-EMBED',
    'input-format:COHERE-CHAT',
    'input-format:COHERE-GENERATE',
    'input-format:BEDROCK-LLAMA',
    'input-format:MISTRAL-COMPLETIONS',
  ],
  register(registrar) {
    registrar.registerProvider(bedrockProvider);
  },
};
