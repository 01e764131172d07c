import { normalizeFormatName } from '@lateral/spec';

/**
 * A Vertex AI endpoint URL, read from its path so any host works (regional, global, `rep`
 * multi-region, a proxy or a fake): `…/projects/<p>/locations/<l>/publishers/<pub>/models/<m>[:verb]`
 * or `…/projects/<p>/locations/<l>/endpoints/<id>[:verb]`.
 */
export interface VertexEndpoint {
  url: URL;
  kind: 'publisher' | 'endpoint' | 'other';
  project?: string;
  location?: string;
  publisher?: string;
  model?: string;
  endpointId?: string;
  /** The path up to the resource, without `:verb`. */
  resourcePath?: string;
  verb?: string;
}

const PUBLISHER = /^(.*\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/([^/]+)\/models\/([^/:]+))(?::([A-Za-z]+))?$/;
const ENDPOINT = /^(.*\/projects\/([^/]+)\/locations\/([^/]+)\/endpoints\/([^/:]+))(?::([A-Za-z]+))?$/;

export function parseVertexEndpoint(endpoint: string): VertexEndpoint {
  const url = new URL(endpoint);
  const publisher = PUBLISHER.exec(url.pathname);
  if (publisher) {
    const [, resourcePath, project, location, pub, model, verb] = publisher;
    return { url, kind: 'publisher', resourcePath, project, location, publisher: pub, model, verb };
  }
  const custom = ENDPOINT.exec(url.pathname);
  if (custom) {
    const [, resourcePath, project, location, endpointId, verb] = custom;
    return { url, kind: 'endpoint', resourcePath, project, location, endpointId, verb };
  }
  return { url, kind: 'other' };
}

/** `<region>-aiplatform.googleapis.com` → region; undefined for other hosts. */
export function regionFromHost(host: string): string | undefined {
  return /^([a-z0-9-]+)-aiplatform\.googleapis\.com$/.exec(host.toLowerCase())?.[1];
}

/** Formats whose body is `{"instances": [...]}`, which `:predict` requires. */
const PREDICT_FORMATS = new Set(['TFSERVING', 'TENSORFLOWSERVING', 'TFSERVINGROW', 'KSERVEV1', 'VERTEXAIPYTORCH', 'VERTEXEMBED']);

export function isPredictFormat(formatId: string): boolean {
  return PREDICT_FORMATS.has(normalizeFormatName(formatId));
}

/** Lateral does not stream; streaming verbs are read as their plain forms (confluent-dialect §10). */
const NON_STREAMING: Record<string, string> = { streamGenerateContent: 'generateContent', streamRawPredict: 'rawPredict' };

/**
 * The URL requests go to (confluent-dialect §10, "Vertex endpoint normalisation"):
 * - streaming verbs become `:generateContent` / `:rawPredict` (and `alt=sse` is dropped);
 * - a publisher model without a verb gets `:predict` for an `instances` format (VERTEX-EMBED,
 *   TF-SERVING), else `:rawPredict` for anthropic and `:generateContent` for other publishers;
 * - a custom endpoint gets `:predict` for an `instances` format and `:rawPredict` for any other
 *   body, whether it had no verb or `:predict`/`:rawPredict`; other explicit verbs are kept
 *   (e.g. `:generateContent` on an endpoint serving a tuned Gemini model).
 * URLs of other shapes are used as they are.
 */
export function normalizeVertexEndpoint(endpoint: string, inputFormatId: string): string {
  const parsed = parseVertexEndpoint(endpoint);
  if (parsed.kind === 'other' || parsed.resourcePath === undefined) return endpoint;
  const verb = parsed.verb === undefined ? undefined : (NON_STREAMING[parsed.verb] ?? parsed.verb);
  const predict = isPredictFormat(inputFormatId);
  let wanted: string;
  if (parsed.kind === 'publisher') {
    wanted = verb ?? (predict ? 'predict' : parsed.publisher === 'anthropic' ? 'rawPredict' : 'generateContent');
  } else {
    wanted = verb === undefined || verb === 'predict' || verb === 'rawPredict' ? (predict ? 'predict' : 'rawPredict') : verb;
  }
  if (wanted === parsed.verb) return endpoint;
  const url = new URL(parsed.url);
  url.pathname = `${parsed.resourcePath}:${wanted}`;
  if (parsed.verb !== undefined && NON_STREAMING[parsed.verb]) url.searchParams.delete('alt');
  return url.toString();
}
