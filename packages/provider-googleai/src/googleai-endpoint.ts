/**
 * Reads a Gemini API endpoint (`…/v1beta/models/<m>:<verb>`). The model resource and the verb
 * come from the path so any host works (a proxy, or a fake on 127.0.0.1).
 */
export interface GoogleAIEndpoint {
  url: URL;
  /** Path up to and including the resource, without the `:verb`. */
  resourcePath?: string;
  /** `models/<m>` or `tunedModels/<m>`, as the API names the model in request bodies. */
  resource?: string;
  /** The verb after `:`, e.g. `generateContent`, `embedContent`, `batchEmbedContents`. */
  verb?: string;
}

const RESOURCE = /^(.*\/((?:models|tunedModels)\/[^/:]+))(?::([A-Za-z]+))?$/;

export function parseGoogleAIEndpoint(endpoint: string): GoogleAIEndpoint {
  const url = new URL(endpoint);
  const match = RESOURCE.exec(url.pathname);
  if (!match) return { url };
  return { url, resourcePath: match[1], resource: match[2], verb: match[3] };
}

/** Streaming verbs are read as their plain counterparts: Lateral does not stream (reference §11). */
const NON_STREAMING: Record<string, string> = { streamGenerateContent: 'generateContent' };

/**
 * The URL a request goes to. The input format's `operation` names the verb it needs (GEMINI-EMBED
 * asks for `batchEmbedContents`, so `:embedContent` endpoints are rewritten); without one, a
 * missing verb means `generateContent` and a streaming verb its plain form (`alt=sse` dropped).
 */
export function googleAIRequestUrl(endpoint: string, operation?: string): string {
  const parsed = parseGoogleAIEndpoint(endpoint);
  const { url, resourcePath, verb } = parsed;
  if (!resourcePath) return url.toString();
  const wanted = operation ?? (verb === undefined ? 'generateContent' : (NON_STREAMING[verb] ?? verb));
  if (wanted === verb) return url.toString();
  const rewritten = new URL(url);
  rewritten.pathname = `${resourcePath}:${wanted}`;
  if (verb !== undefined && NON_STREAMING[verb]) rewritten.searchParams.delete('alt');
  return rewritten.toString();
}
