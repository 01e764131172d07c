import type { LateralPluginV1 } from '@lateral/spec';
import { googleaiProvider } from './googleai-provider.js';
import { geminiEmbedInputFormat, geminiEmbedOutputFormat } from './formats/gemini-embed-format.js';

/** Registers the googleai provider and its own GEMINI-EMBED format; GEMINI-GENERATE comes from core. */
export const plugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/provider-googleai',
  provides: ['provider:googleai', 'input-format:GEMINI-EMBED', 'output-format:GEMINI-EMBED'],
  dependencies: ['input-format:GEMINI-GENERATE', 'output-format:GEMINI-GENERATE'],
  register(registrar) {
    registrar.registerInputFormat(geminiEmbedInputFormat);
    registrar.registerOutputFormat(geminiEmbedOutputFormat);
    registrar.registerProvider(googleaiProvider);
  },
};
