import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import { createTokenBucket, goDuration, type RateLimitDecision, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import {
  bearerToken,
  checkChatBody,
  checkEmbeddingsBody,
  chatCompletionBody,
  embeddingsBody,
  isProblem,
  jsonObjectBody,
  problemReply,
  redactKey,
  withLatency,
  type OpenAIProblem,
} from './openai-protocol.js';
import type { FakeSettings } from './registry.js';

/** The key the fake accepts unless told otherwise. */
export const OPENAI_FAKE_KEY = 'sk-test-openai-0123456789abcdef';

export interface OpenAIFakeOptions {
  /** The only key accepted (`Authorization: Bearer <apiKey>`). */
  apiKey?: string;
  /** When set, `OpenAI-Organization` must equal it. */
  organization?: string;
  /** When set, other models answer 404 `model_not_found`. */
  models?: readonly string[];
  /** Vector size when the request has no `dimensions` (default 8). */
  embeddingDimensions?: number;
  /** Token bucket; 429s carry `x-ratelimit-*` and, when `retryAfter` is true (default false), `retry-after`. */
  rateLimit?: RateLimitOptions;
  /** Every request answers 429 `insufficient_quota` (retrying cannot help). */
  quotaExceeded?: boolean;
  /** Milliseconds added to every protocol reply. */
  latencyMs?: number;
  /** Answer embeddings `data` in reverse order (clients must match by `index`). */
  reverseEmbeddingOrder?: boolean;
}

export interface OpenAIFake extends HttpFake {
  apiKey: string;
  /** `<url>/v1/chat/completions` */
  chatUrl: string;
  /** `<url>/v1/embeddings` */
  embeddingsUrl: string;
  bucket?: TokenBucket;
}

const TOKEN_LIMIT = 200_000;

function problem(status: number, message: string, type: string | null, code: string | null, param: string | null = null): OpenAIProblem {
  return { status, message, type, param, code };
}

/** Scripted replies for the `queue`, in the real service's shapes. */
export const openAIReplies = {
  insufficientQuota: (): FakeReply =>
    problemReply(
      problem(
        429,
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        'insufficient_quota',
        'insufficient_quota',
      ),
    ),
  rateLimited: (options: { retryAfterSeconds?: number; tryAgainIn?: string } = {}): FakeReply =>
    problemReply(
      problem(
        429,
        `Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${options.tryAgainIn ?? '20s'}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        'requests',
        'rate_limit_exceeded',
      ),
      {
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': options.tryAgainIn ?? '20s',
        ...(options.retryAfterSeconds !== undefined ? { 'retry-after': String(options.retryAfterSeconds) } : {}),
      },
    ),
  serverError: (): FakeReply =>
    problemReply(problem(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null)),
  badGateway: (): FakeReply => ({ status: 502, body: '<html><body>Bad gateway</body></html>' }),
};

function rateLimitHeaders(decision: RateLimitDecision | undefined): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': String(decision?.limit ?? 10_000),
    'x-ratelimit-remaining-requests': String(decision?.remaining ?? 9_999),
    'x-ratelimit-reset-requests': goDuration(decision?.resetMs ?? 6),
    'x-ratelimit-limit-tokens': String(TOKEN_LIMIT),
    'x-ratelimit-remaining-tokens': String(TOKEN_LIMIT - 1),
    'x-ratelimit-reset-tokens': '0s',
  };
}

/** The OpenAI service: `/v1/chat/completions` and `/v1/embeddings`, Bearer auth, OpenAI errors. */
export function openAIHandler(options: OpenAIFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const apiKey = options.apiKey ?? OPENAI_FAKE_KEY;
  let sequence = 0;

  return (request: RecordedRequest): FakeReply => {
    sequence += 1;
    const common = { 'x-request-id': `req_fake_${sequence}`, 'openai-processing-ms': '7', 'openai-version': '2020-10-01' };
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): FakeReply =>
      withLatency({ status, body, headers: { ...common, ...headers } }, options.latencyMs);
    const fail = (issue: OpenAIProblem, headers: Record<string, string> = {}): FakeReply =>
      reply(issue.status, problemReply(issue).body, headers);

    const kind = request.path === '/v1/chat/completions' ? 'chat' : request.path === '/v1/embeddings' ? 'embeddings' : undefined;
    if (!kind) return fail(problem(404, `Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null));
    if (request.method !== 'POST') {
      return fail(problem(405, `Invalid method for URL (${request.method} ${request.path})`, 'invalid_request_error', null));
    }

    const token = bearerToken(request);
    if (token === undefined) {
      return fail(
        problem(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
          'invalid_request_error',
          null,
        ),
      );
    }
    if (token !== apiKey) {
      return fail(
        problem(
          401,
          `Incorrect API key provided: ${redactKey(token)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    if (options.organization !== undefined && request.headers['openai-organization'] !== options.organization) {
      return fail(problem(401, 'OpenAI-Organization header should match organization for API key', 'invalid_request_error', 'mismatched_organization'));
    }

    const decision = bucket?.take();
    if (decision && !decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
      return fail(
        problem(
          429,
          `Rate limit reached for requests in organization org-fake on requests per min (RPM): Limit ${decision.limit}, Used ${decision.limit}, Requested 1. Please try again in ${goDuration(decision.resetMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          'requests',
          'rate_limit_exceeded',
        ),
        { ...rateLimitHeaders(decision), ...(options.rateLimit?.retryAfter ? { 'retry-after': String(seconds) } : {}) },
      );
    }
    if (options.quotaExceeded) return withLatency(openAIReplies.insufficientQuota(), options.latencyMs);

    const body = jsonObjectBody(request);
    if (isProblem(body)) return fail(body);
    const headers = rateLimitHeaders(decision);

    if (kind === 'chat') {
      const issue = checkChatBody(body, { requireModel: true });
      if (issue) return fail(issue);
      const model = body.model as string;
      if (options.models && !options.models.includes(model)) return fail(modelNotFound(model));
      return reply(200, chatCompletionBody(body, { id: `chatcmpl-fake${sequence}`, model, created: 1_700_000_000 + sequence }), headers);
    }
    const texts = checkEmbeddingsBody(body, { requireModel: true, maxInputs: 2048 });
    if (isProblem(texts)) return fail(texts);
    const model = body.model as string;
    if (options.models && !options.models.includes(model)) return fail(modelNotFound(model));
    return reply(
      200,
      embeddingsBody(texts, body, { model, defaultDimensions: options.embeddingDimensions ?? 8, reverseOrder: options.reverseEmbeddingOrder }),
      headers,
    );
  };
}

function modelNotFound(model: string): OpenAIProblem {
  return problem(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
}

export async function startOpenAIFake(options: OpenAIFakeOptions = {}): Promise<OpenAIFake> {
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(openAIHandler(options, bucket));
  return Object.assign(fake, {
    apiKey: options.apiKey ?? OPENAI_FAKE_KEY,
    chatUrl: `${fake.url}/v1/chat/completions`,
    embeddingsUrl: `${fake.url}/v1/embeddings`,
    bucket,
  });
}

/** For serve-fake: `--api-key`, `--organization`, `--rpm`, `--latency-ms`, `--dimensions`. */
export function serveOpenAIFake(settings: FakeSettings): Promise<OpenAIFake> {
  return startOpenAIFake({
    apiKey: settings['api-key'],
    organization: settings.organization,
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm), retryAfter: settings['retry-after'] === 'true' } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    embeddingDimensions: settings.dimensions ? Number(settings.dimensions) : undefined,
  });
}
