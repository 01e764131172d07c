import { awsEndpointUrl, awsHostRegion, encodePathSegment } from '@lateral/provider-utils';

/** What Lateral reads from a Bedrock connection endpoint. */
export interface BedrockEndpoint {
  /** The URL requests go to: the model id encoded as one path segment, no trailing `/`. */
  url: URL;
  /** The decoded model id: a base id, an inference-profile id or an ARN. */
  modelId: string;
  /** The AWS region read from the host, when the host is Bedrock's. */
  hostRegion?: string;
}

const INVOKE_PATH = /^(?<prefix>.*?)\/model\/(?<model>.+)\/invoke\/?$/;

/** `bedrock-runtime.<region>.amazonaws.com` and its `-fips` twin (VPC and China forms too). */
const BEDROCK_HOST_LABEL = 'bedrock-runtime(?:-fips)?';

export const BEDROCK_ENDPOINT_SHAPE = 'http(s)://<host>/model/<model-id>/invoke';

/** Parses an endpoint; throws a plain Error with a user-facing message when it is not usable. */
export function parseBedrockEndpoint(endpoint: string): BedrockEndpoint {
  const url = awsEndpointUrl('bedrock', endpoint, BEDROCK_ENDPOINT_SHAPE);
  const hostRegion = awsHostRegion(url.hostname, BEDROCK_HOST_LABEL);
  const match = INVOKE_PATH.exec(url.pathname);
  if (!match?.groups) throw new Error(`For bedrock endpoint expected to match ${BEDROCK_ENDPOINT_SHAPE}, got ${endpoint}`);
  const modelId = decodeSegment(match.groups.model!);
  return { url: withModel(url, match.groups.prefix ?? '', modelId), modelId, hostRegion };
}

/**
 * The model id travels as ONE path segment percent-encoded as the AWS SDKs do (`:` → `%3A`,
 * `/` of an ARN → `%2F`), whatever the user wrote: raw (`…-v1:0`) or already encoded (`…-v1%3A0`).
 * The trailing `/` that the 2024 implementation appended is dropped, so the path sent (and
 * signed) is the one the SDKs send.
 */
function withModel(url: URL, prefix: string, modelId: string): URL {
  const result = new URL(url.href);
  result.pathname = `${prefix}/model/${encodePathSegment(modelId)}/invoke`;
  return result;
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The base model id inside an ARN or an inference-profile id, for choosing the body format:
 * `arn:aws:bedrock:…:inference-profile/us.anthropic.claude-…` → `anthropic.claude-…`,
 * `arn:…:custom-model/amazon.titan-text-express-v1:0:8k/abc` → `amazon.titan-text-express-v1:0:8k`,
 * `us.meta.llama3-…` → `meta.llama3-…`. Opaque ids (application inference profiles, provisioned
 * models) come back unchanged and fall to the default format.
 */
export function baseModelId(modelId: string): string {
  let id = modelId.trim();
  if (id.startsWith('arn:')) {
    const resource = id.split(':').slice(5).join(':');
    const slash = resource.indexOf('/');
    id = slash < 0 ? resource : (resource.slice(slash + 1).split('/')[0] ?? '');
  }
  const [first, ...rest] = id.split('.');
  if (rest.length > 0 && !MODEL_PROVIDERS.has(first!.toLowerCase()) && MODEL_PROVIDERS.has(rest[0]!.toLowerCase())) {
    return rest.join('.');
  }
  return id;
}

/** Model providers whose ids Lateral maps to a body format (§10). */
const MODEL_PROVIDERS = new Set(['amazon', 'anthropic', 'ai21', 'cohere', 'meta', 'mistral']);
