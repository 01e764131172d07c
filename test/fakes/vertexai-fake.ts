import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { approximateTokens, deterministicEmbedding, sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import { startHttpFake, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import { createGoogleOAuth, type GoogleOAuthOptions, type GoogleOAuthState } from './google-oauth-fake.js';
import { checkGenerateContent, checkUnknownFields, generateContentReply, googleError, rateLimited } from './googleai-fake.js';
import type { FakeSettings } from './registry.js';

/**
 * A fake of Vertex AI (provider-protocols §13, §14.6). Every request needs `Authorization: Bearer
 * <token>` issued by the OAuth fake (401 UNAUTHENTICATED otherwise). Routes:
 * - `/v1/projects/<p>/locations/<l>/endpoints/<id>:predict` (`instances` required) and `:rawPredict`;
 * - `…/publishers/google/models/<gemini>:generateContent` (Gemini body, sentiment label answer);
 * - `…/publishers/google/models/<text-embedding-*|gemini-embedding-*>:predict` (≤ 250 instances,
 *   1 for gemini-embedding), answering `predictions[i].embeddings.values`;
 * - `…/publishers/anthropic/models/<claude>:rawPredict` (Messages body with
 *   `anthropic_version: vertex-2023-10-16`).
 * Unless an OAuth state is given, the token endpoint is served by the same server at `/token`
 * (handy for serve-fake); then `requests` and `queue` are shared with it, so tests that script
 * replies pass the state of a separate `startGoogleOAuthFake`.
 */
export interface VertexAIFakeOptions {
  oauth?: GoogleOAuthState;
  /** Options of the built-in token endpoint (ignored when `oauth` is given). */
  oauthOptions?: GoogleOAuthOptions;
  /** Prediction for one custom-endpoint instance (default: the sum of its numbers). */
  predict?: (instance: unknown, parameters: unknown) => unknown;
  deployedModelId?: string;
  /** Embedding size without `parameters.outputDimensionality` (default 8). */
  dimensions?: number;
  /** A request token bucket; an empty bucket answers 429 RESOURCE_EXHAUSTED with RetryInfo. */
  rateLimit?: RateLimitOptions;
  latencyMs?: number;
  /**
   * Answer every model call with 401 UNAUTHENTICATED whose message quotes the request's headers,
   * Authorization included, as a misconfigured gateway or a debugging proxy does.
   */
  echoHeadersOn401?: boolean;
}

export interface VertexAIFake extends HttpFake {
  oauth: GoogleOAuthState;
  /** The service key (JSON text) of the OAuth fake's account. */
  serviceKey: string;
  /** `<url>/v1/projects/<project>/locations/<location>/<rest>` */
  endpoint(rest: string, location?: string): string;
}

export const VERTEX_PROJECT = 'lateral-test-project';
const ANTHROPIC_VERTEX_VERSION = 'vertex-2023-10-16';
const PATH = /^\/(v1|v1beta1)\/projects\/([^/]+)\/locations\/([^/]+)\/(?:endpoints\/([^/:]+)|publishers\/([^/]+)\/models\/([^/:]+)):([A-Za-z]+)$/;

export async function startVertexAIFake(options: VertexAIFakeOptions = {}): Promise<VertexAIFake> {
  const ownOAuth = options.oauth === undefined;
  const oauth = options.oauth ?? createGoogleOAuth(options.oauthOptions);
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(async (request) => {
    if (ownOAuth && request.path === '/token') return oauth.handler(request);
    const reply = answer(request, oauth, bucket, options);
    return options.latencyMs ? { ...reply, delayMs: options.latencyMs } : reply;
  });
  if (ownOAuth) oauth.tokenUri = `${fake.url}/token`;
  return Object.assign(fake, {
    oauth,
    get serviceKey() {
      return oauth.serviceKey();
    },
    endpoint: (rest: string, location = 'us-central1') => `${fake.url}/v1/projects/${VERTEX_PROJECT}/locations/${location}/${rest}`,
  });
}

/**
 * serve-fake entry: `--rpm`, `--latency-ms`, `--dimensions`, and `--service-key-out FILE`, where
 * the service key whose token_uri points at this fake is written (mode 0600) for CREATE CONNECTION.
 */
export async function serveVertexAIFake(settings: FakeSettings): Promise<VertexAIFake> {
  const fake = await startVertexAIFake({
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    dimensions: settings.dimensions ? Number(settings.dimensions) : undefined,
  });
  const out = settings['service-key-out'];
  if (out) await writeFile(out, fake.serviceKey, { mode: 0o600 });
  return fake;
}

function answer(request: RecordedRequest, oauth: GoogleOAuthState, bucket: TokenBucket | undefined, options: VertexAIFakeOptions): FakeReply {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (options.echoHeadersOn401) {
    return googleError(401, 'UNAUTHENTICATED', `Request had invalid authentication credentials. Request headers: ${JSON.stringify(request.headers)}`);
  }
  if (bearer === undefined || !oauth.isValidToken(bearer)) {
    return googleError(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    );
  }
  const match = PATH.exec(request.path);
  if (request.method !== 'POST' || !match) return googleError(404, 'NOT_FOUND', 'The requested URL was not found on this server.');
  const limited = bucket && rateLimited(bucket);
  if (limited) return vertexResourceExhausted(limited);
  if (typeof request.json !== 'object' || request.json === null || Array.isArray(request.json)) {
    return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');
  }
  const body = request.json as Record<string, unknown>;
  const [, , project, location, endpointId, publisher, model, verb] = match;
  if (endpointId !== undefined) return customEndpoint(body, verb!, `projects/${project}/locations/${location}`, options);
  if (publisher === 'google') return googleModel(body, model!, verb!, options);
  if (publisher === 'anthropic' && verb === 'rawPredict') return anthropicModel(body, model!);
  return googleError(404, 'NOT_FOUND', `Publisher Model \`projects/${project}/locations/${location}/publishers/${publisher}/models/${model}\` does not support ${verb}.`);
}

function customEndpoint(body: Record<string, unknown>, verb: string, parent: string, options: VertexAIFakeOptions): FakeReply {
  const predict = options.predict ?? sumOfNumbers;
  const deployedModelId = options.deployedModelId ?? '1234567890';
  if (verb === 'rawPredict') {
    // rawPredict hands the body to the serving container as it is; ours answers one prediction.
    return { status: 200, body: { predictions: [predict(body, undefined)] } };
  }
  if (verb !== 'predict') return googleError(400, 'INVALID_ARGUMENT', `Unsupported method ${verb} for endpoints.`);
  const problem = checkUnknownFields(body, ['instances', 'parameters']);
  if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
  if (!Array.isArray(body.instances) || body.instances.length === 0) return googleError(400, 'INVALID_ARGUMENT', 'instances must be a non-empty list.');
  return {
    status: 200,
    body: {
      predictions: body.instances.map((instance) => predict(instance, body.parameters)),
      deployedModelId,
      model: `${parent}/models/${deployedModelId}`,
      modelDisplayName: 'lateral-fake-model',
      modelVersionId: '1',
    },
  };
}

function googleModel(body: Record<string, unknown>, model: string, verb: string, options: VertexAIFakeOptions): FakeReply {
  const isEmbedding = /embedding/.test(model);
  if (verb === 'generateContent' && !isEmbedding) {
    const problem = checkGenerateContent(body);
    if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
    return { status: 200, body: { ...generateContentReply(body, model), createTime: new Date().toISOString() } };
  }
  if (verb === 'predict' && isEmbedding) return embeddings(body, model, options.dimensions ?? 8);
  if (verb === 'predict' || verb === 'rawPredict') {
    return googleError(
      400,
      'FAILED_PRECONDITION',
      'Gemini cannot be accessed through Vertex Predict/RawPredict API. Please follow https://cloud.google.com/vertex-ai/docs/generative-ai/start/quickstarts/quickstart-multimodal for Gemini usage.',
    );
  }
  return googleError(400, 'INVALID_ARGUMENT', `Model publishers/google/models/${model} does not support ${verb}.`);
}

function embeddings(body: Record<string, unknown>, model: string, defaultDimensions: number): FakeReply {
  const problem = checkUnknownFields(body, ['instances', 'parameters']);
  if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
  const instances = body.instances;
  if (!Array.isArray(instances) || instances.length === 0) return googleError(400, 'INVALID_ARGUMENT', 'instances must be a non-empty list.');
  const limit = model.startsWith('gemini-embedding') ? 1 : 250;
  if (instances.length > limit) {
    return googleError(400, 'INVALID_ARGUMENT', `Unable to submit request because the model supports up to ${limit} instance(s) per prediction. Actual: ${instances.length}.`);
  }
  const parameters = (body.parameters ?? {}) as { outputDimensionality?: unknown };
  const dimensions = typeof parameters.outputDimensionality === 'number' ? parameters.outputDimensionality : defaultDimensions;
  let characters = 0;
  const predictions = [];
  for (const [index, instance] of instances.entries()) {
    const content = (instance as { content?: unknown } | null)?.content;
    if (typeof content !== 'string') return googleError(400, 'INVALID_ARGUMENT', `instances[${index}].content is required and must be a string.`);
    characters += content.length;
    predictions.push({ embeddings: { values: deterministicEmbedding(content, dimensions), statistics: { truncated: false, token_count: approximateTokens(content) } } });
  }
  return { status: 200, body: { predictions, metadata: { billableCharacterCount: characters } } };
}

/** Claude on Vertex: Anthropic's error shape, since Vertex relays the model server's answer. */
function anthropicModel(body: Record<string, unknown>, model: string): FakeReply {
  const invalid = (message: string): FakeReply => ({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } });
  if (body.anthropic_version !== ANTHROPIC_VERTEX_VERSION) return invalid(`anthropic_version: Input should be '${ANTHROPIC_VERTEX_VERSION}'`);
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid('messages: Field required');
  if (!Number.isInteger(body.max_tokens)) return invalid('max_tokens: Field required');
  const prompt = messageText(body.messages.at(-1));
  return {
    status: 200,
    body: {
      id: `msg_vrtx_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: sentimentLabel(prompt) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: approximateTokens(prompt), output_tokens: 1 },
    },
  };
}

/** A message's `content`: a string or text blocks. */
function messageText(message: unknown): string {
  const content = (message as { content?: unknown } | null)?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block) => ((block as { type?: unknown; text?: unknown } | null)?.type === 'text' ? String((block as { text: unknown }).text) : '')).join('\n');
}

function sumOfNumbers(instance: unknown): number {
  if (typeof instance === 'number') return instance;
  const values = Array.isArray(instance) ? instance : typeof instance === 'object' && instance !== null ? Object.values(instance) : [];
  return values.reduce<number>((sum, value) => sum + sumOfNumbers(value), 0);
}

/** Vertex's 429 (reference §13.6), with a RetryInfo detail. */
export function vertexResourceExhausted(retryDelaySeconds = 1): FakeReply {
  return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.', [
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
  ]);
}
