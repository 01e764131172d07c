import { serveAnthropicFake } from './anthropic-fake.js';
import { serveAzureMLFake } from './azureml-fake.js';
import { serveAzureOpenAIFake } from './azureopenai-fake.js';
import { serveBedrockFake } from './bedrock-fake.js';
import { serveFireworksAIFake } from './fireworksai-fake.js';
import { serveGoogleAIFake } from './googleai-fake.js';
import type { HttpFake } from './http-fake.js';
import { serveOpenAIFake } from './openai-fake.js';
import { serveSageMakerFake } from './sagemaker-fake.js';
import { serveVertexAIFake } from './vertexai-fake.js';

/**
 * The fakes `serve-fake.ts` can start, by provider id. Add one line per fake; the starter reads
 * the command-line settings it understands (`--api-key sk-x` arrives as `{ 'api-key': 'sk-x' }`).
 */
export type FakeSettings = Record<string, string | undefined>;
export type FakeStarter = (settings: FakeSettings) => Promise<HttpFake>;

export const FAKE_STARTERS: Record<string, FakeStarter> = {
  openai: serveOpenAIFake,
  azureopenai: serveAzureOpenAIFake,
  fireworksai: serveFireworksAIFake,
  anthropic: serveAnthropicFake,
  bedrock: serveBedrockFake,
  sagemaker: serveSageMakerFake,
  azureml: serveAzureMLFake,
  googleai: serveGoogleAIFake,
  vertexai: serveVertexAIFake,
};
