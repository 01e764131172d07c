import type { DefaultFormatContext } from '@lateral/spec';

export const AZUREML_DEFAULT_FORMAT = 'AZUREML-PANDAS-DATAFRAME';

/**
 * Hosts that serve the OpenAI-compatible Azure AI Model Inference API (provider-protocols §9.3):
 * AI Studio serverless (`*.inference.ai.azure.com`, the dialect's rule), and — Lateral extension —
 * `*.models.ai.azure.com` and Foundry's `*.services.ai.azure.com`.
 */
const OPENAI_COMPATIBLE_HOST = /\.(?:inference|models|services)\.ai\.azure\.com$/i;

/**
 * confluent-dialect §10: AZUREML-PANDAS-DATAFRAME, OPENAI-CHAT when the host is an AI Studio
 * serverless one. Lateral extension: any host whose path ends in `/chat/completions` is taken
 * as OpenAI-compatible too (a proxy, a local fake), and one ending in `/embeddings` gets
 * OPENAI-EMBED.
 */
export function azuremlDefaultInputFormat(context: DefaultFormatContext): string {
  if (context.endpoint === undefined) return AZUREML_DEFAULT_FORMAT;
  let url: URL;
  try {
    url = new URL(context.endpoint);
  } catch {
    return AZUREML_DEFAULT_FORMAT;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/embeddings')) return 'OPENAI-EMBED';
  if (OPENAI_COMPATIBLE_HOST.test(url.hostname) || path.endsWith('/chat/completions')) return 'OPENAI-CHAT';
  return AZUREML_DEFAULT_FORMAT;
}
