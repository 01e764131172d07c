import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import {
  bearerToken,
  checkChatBody,
  checkEmbeddingsBody,
  chatCompletionBody,
  embeddingsBody,
  isProblem,
  jsonObjectBody,
  withLatency,
  type OpenAIProblem,
} from './openai-protocol.js';
import type { FakeSettings } from './registry.js';

/**
 * Fireworks AI's OpenAI-compatible inference API (provider-protocols §10) under
 * `/inference/v1`. Model ids are resource names (`accounts/fireworks/models/...`). Fireworks'
 * exact error bodies and rate-limit headers are not documented (§16): the fake answers with an
 * OpenAI-like `{"error":{"object":"error","type","code","message"}}` and `x-ratelimit-*` +
 * `retry-after`, which is what third-party clients parse.
 */
export const FIREWORKS_FAKE_KEY = 'fw_test_0123456789abcdef';
export const FIREWORKS_CHAT_MODEL = 'accounts/fireworks/models/llama-v3p1-8b-instruct';
export const FIREWORKS_EMBED_MODEL = 'nomic-ai/nomic-embed-text-v1.5';

export interface FireworksAIFakeOptions {
  apiKey?: string;
  /** When set, other models answer 404; by default any resource-style id (`a/b`) is served. */
  models?: readonly string[];
  embeddingDimensions?: number;
  /** Token bucket; 429s carry `x-ratelimit-*` and `retry-after` unless `retryAfter` is false. */
  rateLimit?: RateLimitOptions;
  latencyMs?: number;
}

export interface FireworksAIFake extends HttpFake {
  apiKey: string;
  /** `<url>/inference/v1/chat/completions` */
  chatUrl: string;
  /** `<url>/inference/v1/embeddings` */
  embeddingsUrl: string;
  bucket?: TokenBucket;
}

function fireworksError(status: number, type: string, message: string, code?: string | null, param?: string | null): FakeReply {
  return { status, body: { error: { object: 'error', type, code: code ?? null, param: param ?? null, message } } };
}

function fromProblem(problem: OpenAIProblem): FakeReply {
  return fireworksError(problem.status, problem.type ?? 'invalid_request_error', problem.message, problem.code, problem.param);
}

/** Scripted replies for the `queue`. */
export const fireworksAIReplies = {
  rateLimited: (retryAfterSeconds = 2): FakeReply => ({
    ...fireworksError(429, 'rate_limit_exceeded', 'Request rate limit exceeded, please try again later'),
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit-requests': '600', 'x-ratelimit-remaining-requests': '0' },
  }),
  serviceUnavailable: (): FakeReply => fireworksError(503, 'service_unavailable', 'The model is temporarily overloaded, please try again later'),
};

export function fireworksAIHandler(options: FireworksAIFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const apiKey = options.apiKey ?? FIREWORKS_FAKE_KEY;
  let sequence = 0;
  const served = (model: string) => (options.models ? options.models.includes(model) : model.includes('/'));

  return (request: RecordedRequest): FakeReply => {
    sequence += 1;
    const send = (reply: FakeReply): FakeReply => withLatency({ ...reply, headers: { 'x-request-id': `fw-${sequence}`, ...reply.headers } }, options.latencyMs);
    const kind = request.path === '/inference/v1/chat/completions' ? 'chat' : request.path === '/inference/v1/embeddings' ? 'embeddings' : undefined;
    if (!kind) return send(fireworksError(404, 'invalid_request_error', `Not found: ${request.path}`, 'NOT_FOUND'));
    if (request.method !== 'POST') return send(fireworksError(405, 'invalid_request_error', 'Method Not Allowed'));
    const token = bearerToken(request);
    if (token !== apiKey) {
      return send(fireworksError(401, 'authentication_error', token === undefined ? 'Missing API key' : 'The API key you provided is invalid.', 'UNAUTHORIZED'));
    }
    const decision = bucket?.take();
    if (decision && !decision.allowed) {
      const reply = fireworksAIReplies.rateLimited(Math.max(1, Math.ceil(decision.resetMs / 1000)));
      const headers: Record<string, string> = { ...reply.headers, 'x-ratelimit-limit-requests': String(decision.limit) };
      if (options.rateLimit?.retryAfter === false) delete headers['retry-after'];
      return send({ ...reply, headers });
    }
    const rateHeaders = { 'x-ratelimit-limit-requests': String(decision?.limit ?? 600), 'x-ratelimit-remaining-requests': String(decision?.remaining ?? 599) };

    const body = jsonObjectBody(request);
    if (isProblem(body)) return send(fromProblem(body));
    const issue = kind === 'chat' ? checkChatBody(body, { requireModel: true }) : undefined;
    if (issue) return send(fromProblem(issue));
    const texts = kind === 'embeddings' ? checkEmbeddingsBody(body, { requireModel: true, maxInputs: 2048 }) : [];
    if (isProblem(texts)) return send(fromProblem(texts));
    const model = body.model as string;
    if (!served(model)) return send(fireworksError(404, 'invalid_request_error', 'Model not found, inaccessible, and/or not deployed', 'NOT_FOUND'));

    if (kind === 'chat') {
      return send({ status: 200, headers: rateHeaders, body: chatCompletionBody(body, { id: `fw-chat-${sequence}`, model, created: 1_700_000_000 + sequence }) });
    }
    return send({ status: 200, headers: rateHeaders, body: embeddingsBody(texts, body, { model, defaultDimensions: options.embeddingDimensions ?? 8 }) });
  };
}

export async function startFireworksAIFake(options: FireworksAIFakeOptions = {}): Promise<FireworksAIFake> {
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(fireworksAIHandler(options, bucket));
  return Object.assign(fake, {
    apiKey: options.apiKey ?? FIREWORKS_FAKE_KEY,
    chatUrl: `${fake.url}/inference/v1/chat/completions`,
    embeddingsUrl: `${fake.url}/inference/v1/embeddings`,
    bucket,
  });
}

/** For serve-fake: `--api-key`, `--rpm`, `--latency-ms`, `--dimensions`. */
export function serveFireworksAIFake(settings: FakeSettings): Promise<FireworksAIFake> {
  return startFireworksAIFake({
    apiKey: settings['api-key'],
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    embeddingDimensions: settings.dimensions ? Number(settings.dimensions) : undefined,
  });
}
