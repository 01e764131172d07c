/**
 * What an Azure OpenAI endpoint URL says (provider-protocols §4.1):
 * `https://<resource>.openai.azure.com/openai/deployments/<deployment>/<operation>?api-version=<v>`,
 * or the newer `.../openai/v1/<operation>` API that needs no deployment segment nor api-version.
 * The host is not required to be Azure's, so local servers and fakes work.
 */
export interface AzureOpenAIEndpoint {
  /** `<resource>` when the host is `<resource>.openai.azure.com` (or `.cognitiveservices.azure.com`). */
  resource?: string;
  deployment?: string;
  /** `chat/completions`, `embeddings`, ... */
  operation?: string;
  apiVersion?: string;
  /** True for the `/openai/v1/` API. */
  v1: boolean;
}

export function parseAzureOpenAIEndpoint(endpoint: string): AzureOpenAIEndpoint | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const resource = /^([^.]+)\.(?:openai|cognitiveservices)\.azure\.com$/i.exec(url.hostname)?.[1];
  const apiVersion = url.searchParams.get('api-version') ?? undefined;
  const deploymentMatch = /\/openai\/deployments\/([^/]+)\/(.+?)\/*$/.exec(url.pathname);
  if (deploymentMatch) {
    return { resource, deployment: decodeURIComponent(deploymentMatch[1]!), operation: deploymentMatch[2], apiVersion, v1: false };
  }
  const v1Match = /\/openai\/v1\/(.+?)\/*$/.exec(url.pathname);
  return { resource, operation: v1Match?.[1], apiVersion, v1: v1Match !== null };
}
