import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { LateralPluginV1 } from '@lateral/spec';
import { anthropicCompletionsFormat, anthropicMessagesFormat } from './anthropic-formats.js';
import { azureChatFormat } from './azure-chat-format.js';
import { ai21CompleteFormat, amazonTitanTextFormat, bedrockLlamaFormat, mistralCompletionsFormat } from './bedrock-text-formats.js';
import { binaryInputFormat, binaryOutputFormat } from './binary-formats.js';
import { cohereChatFormat, cohereGenerateFormat } from './cohere-text-formats.js';
import { csvInputFormat, csvOutputFormat } from './csv-formats.js';
import { amazonTitanEmbedFormat, cohereEmbedFormat, openAiEmbedFormat, vertexEmbedFormat } from './embedding-formats.js';
import { geminiGenerateFormat } from './gemini-format.js';
import { jsonArrayInputFormat, jsonArrayOutputFormat } from './json-array-formats.js';
import { azureMlTensorInputFormat, jsonInputFormat, jsonOutputFormat, tfServingColumnInputFormat } from './json-formats.js';
import { confluentChatFormat, mistralChatFormat, openAiChatFormat } from './openai-chat-formats.js';
import { azureMlPandasDataframeInputFormat, pandasDataframeInputFormat } from './pandas-formats.js';
import { textInputFormat, textOutputFormat } from './text-formats.js';
import { tfServingInputFormat, tfServingOutputFormat, vertexAiPytorchInputFormat } from './tf-serving-formats.js';
import { tritonInputFormat, tritonOutputFormat } from './triton-formats.js';

/** LLM and embedding formats: one object each for the request and the response side. */
const TEXT_FORMAT_PAIRS = [
  openAiChatFormat,
  mistralChatFormat,
  confluentChatFormat,
  azureChatFormat,
  anthropicMessagesFormat,
  anthropicCompletionsFormat,
  amazonTitanTextFormat,
  ai21CompleteFormat,
  bedrockLlamaFormat,
  mistralCompletionsFormat,
  cohereChatFormat,
  cohereGenerateFormat,
  geminiGenerateFormat,
  openAiEmbedFormat,
  cohereEmbedFormat,
  amazonTitanEmbedFormat,
  vertexEmbedFormat,
];

/** Every input format of the dialect (reference §9.1), plus CONFLUENT-CHAT and AZURE-CHAT. */
export const builtinInputFormats: readonly InputFormatV1[] = [
  ...TEXT_FORMAT_PAIRS.map((pair) => pair.input),
  jsonInputFormat,
  tfServingColumnInputFormat,
  azureMlTensorInputFormat,
  jsonArrayInputFormat,
  csvInputFormat,
  textInputFormat,
  binaryInputFormat,
  pandasDataframeInputFormat,
  azureMlPandasDataframeInputFormat,
  tfServingInputFormat,
  vertexAiPytorchInputFormat,
  tritonInputFormat,
];

/** Every output format: the LLM/embedding ones and the predictive parsers of reference §9.6. */
export const builtinOutputFormats: readonly OutputFormatV1[] = [
  ...TEXT_FORMAT_PAIRS.map((pair) => pair.output),
  jsonOutputFormat,
  jsonArrayOutputFormat,
  csvOutputFormat,
  textOutputFormat,
  binaryOutputFormat,
  tfServingOutputFormat,
  tritonOutputFormat,
];

/** Registers the built-in formats; providers declare `input-format:<ID>` dependencies on it. */
export const builtinFormatsPlugin: LateralPluginV1 = {
  specificationVersion: 'v1',
  name: '@lateral/core/formats',
  provides: [
    ...builtinInputFormats.map((format) => `input-format:${format.id}`),
    ...builtinOutputFormats.map((format) => `output-format:${format.id}`),
  ],
  register(registrar) {
    for (const format of builtinInputFormats) registrar.registerInputFormat(format);
    for (const format of builtinOutputFormats) registrar.registerOutputFormat(format);
  },
};

export { defineSinglePromptFormat } from './single-prompt-format.js';
export type { SinglePromptSpec, FormatPair } from './single-prompt-format.js';
export { defineEmbeddingFormat } from './embedding-format.js';
export type { EmbeddingSpec } from './embedding-format.js';
export { readOutputRow } from './output-lookup.js';
