import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import { approximateTokens, sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitDecision, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import type { FakeSettings } from './registry.js';

/**
 * The Anthropic Messages API (provider-protocols §5): `POST /v1/messages` with `x-api-key` and
 * `anthropic-version`, strict body validation (unknown fields are rejected, `model`,
 * `max_tokens` and `messages` are required, no `system` role), answers with a sentiment label.
 */
export const ANTHROPIC_FAKE_KEY = 'sk-ant-test-0123456789abcdef';
export const ANTHROPIC_FAKE_MODEL = 'claude-3-5-haiku-latest';

export interface AnthropicFakeOptions {
  apiKey?: string;
  /** When set, other models answer 404 `not_found_error`. */
  models?: readonly string[];
  /** Token bucket; 429s carry `anthropic-ratelimit-*` and `retry-after` unless `retryAfter` is false. */
  rateLimit?: RateLimitOptions;
  /** Every request answers 529 `overloaded_error`. */
  overloaded?: boolean;
  latencyMs?: number;
  /** Clock for `anthropic-ratelimit-*-reset` timestamps (default Date.now). */
  now?: () => number;
}

export interface AnthropicFake extends HttpFake {
  apiKey: string;
  /** `<url>/v1/messages` */
  messagesUrl: string;
  bucket?: TokenBucket;
}

const KNOWN_FIELDS = new Set([
  'model', 'messages', 'max_tokens', 'system', 'metadata', 'stop_sequences', 'stream', 'temperature', 'top_p', 'top_k',
  'tools', 'tool_choice', 'thinking', 'service_tier', 'container', 'mcp_servers',
]);
const API_VERSIONS = new Set(['2023-06-01', '2023-01-01']);

let requestCounter = 0;

function anthropicError(status: number, type: string, message: string): FakeReply {
  requestCounter += 1;
  const requestId = `req_fake${requestCounter}`;
  return { status, headers: { 'request-id': requestId }, body: { type: 'error', error: { type, message }, request_id: requestId } };
}

/** Scripted replies for the `queue`, in Anthropic's shapes. */
export const anthropicReplies = {
  overloaded: (): FakeReply => anthropicError(529, 'overloaded_error', 'Overloaded'),
  rateLimited: (retryAfterSeconds = 5): FakeReply => {
    const reply = anthropicError(
      429,
      'rate_limit_error',
      'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.',
    );
    return { ...reply, headers: { ...reply.headers, 'retry-after': String(retryAfterSeconds), 'anthropic-ratelimit-requests-remaining': '0' } };
  },
  apiError: (): FakeReply => anthropicError(500, 'api_error', 'Internal server error'),
};

type BodyCheck = string | undefined;

function checkContent(content: unknown, where: string): BodyCheck {
  if (typeof content === 'string') return content === '' ? `${where}: all messages must have non-empty content except for the optional final assistant message` : undefined;
  if (!Array.isArray(content)) return `${where}.content: Input should be a valid list`;
  if (content.length === 0) return `${where}: all messages must have non-empty content except for the optional final assistant message`;
  for (const [index, block] of content.entries()) {
    const at = `${where}.content.${index}`;
    if (typeof block !== 'object' || block === null) return `${at}: Input should be a valid dictionary or object to extract fields from`;
    const { type, text } = block as { type?: unknown; text?: unknown };
    if (type === undefined) return `${at}.type: Field required`;
    if (type === 'text' && typeof text !== 'string') return `${at}.text: Field required`;
    if (type === 'text' && text === '') return `${at}.text: text content blocks must be non-empty`;
  }
  return undefined;
}

/** The first problem the Messages API reports for this body, worded as the service words it. */
export function checkMessagesBody(body: Record<string, unknown>): BodyCheck {
  for (const key of Object.keys(body)) if (!KNOWN_FIELDS.has(key)) return `${key}: Extra inputs are not permitted`;
  if (body.model === undefined) return 'model: Field required';
  if (typeof body.model !== 'string') return 'model: Input should be a valid string';
  if (body.max_tokens === undefined) return 'max_tokens: Field required';
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) return 'max_tokens: Input should be a valid integer';
  if (body.max_tokens < 1) return 'max_tokens: Input should be greater than or equal to 1';
  if (body.messages === undefined) return 'messages: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Input should be a valid list';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  for (const [index, message] of body.messages.entries()) {
    const where = `messages.${index}`;
    if (typeof message !== 'object' || message === null) return `${where}: Input should be a valid dictionary or object to extract fields from`;
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (role === 'system') {
      return `${where}.role: Unexpected role "system". The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`;
    }
    if (role !== 'user' && role !== 'assistant') return `${where}.role: Input should be 'user' or 'assistant'`;
    if (content === undefined) return `${where}.content: Field required`;
    const problem = checkContent(content, where);
    if (problem) return problem;
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) return 'system: Input should be a valid string';
  const temperature = body.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 1)) {
    return 'temperature: Input should be less than or equal to 1';
  }
  return undefined;
}

function promptText(body: Record<string, unknown>): string {
  const messages = body.messages as Array<{ role: string; content: unknown }>;
  const user = [...messages].reverse().find((message) => message.role === 'user');
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  return (user.content as Array<{ type?: string; text?: string }>).map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
}

function rateLimitHeaders(decision: RateLimitDecision | undefined, now: number): Record<string, string> {
  const reset = new Date(now + (decision?.resetMs ?? 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'anthropic-ratelimit-requests-limit': String(decision?.limit ?? 50),
    'anthropic-ratelimit-requests-remaining': String(decision?.remaining ?? 49),
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '50000',
    'anthropic-ratelimit-tokens-remaining': '49000',
    'anthropic-ratelimit-tokens-reset': reset,
  };
}

export function anthropicHandler(options: AnthropicFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const apiKey = options.apiKey ?? ANTHROPIC_FAKE_KEY;
  const now = options.now ?? Date.now;
  let sequence = 0;

  return (request: RecordedRequest): FakeReply => {
    sequence += 1;
    const send = (reply: FakeReply): FakeReply => {
      const delayed = options.latencyMs ? { ...reply, delayMs: (reply.delayMs ?? 0) + options.latencyMs } : reply;
      return { ...delayed, headers: { 'request-id': `req_fake_ok${sequence}`, ...reply.headers } };
    };
    if (request.path !== '/v1/messages') return send(anthropicError(404, 'not_found_error', 'Not Found'));
    if (request.method !== 'POST') return send(anthropicError(405, 'invalid_request_error', 'Method Not Allowed'));
    const key = request.headers['x-api-key'];
    if (key === undefined) return send(anthropicError(401, 'authentication_error', 'x-api-key header is required'));
    if (key !== apiKey) return send(anthropicError(401, 'authentication_error', 'invalid x-api-key'));
    const version = request.headers['anthropic-version'];
    if (version === undefined) return send(anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required'));
    if (!API_VERSIONS.has(version)) return send(anthropicError(400, 'invalid_request_error', `anthropic-version: invalid version '${version}'`));

    const decision = bucket?.take();
    if (decision && !decision.allowed) {
      const reply = anthropicReplies.rateLimited(Math.max(1, Math.ceil(decision.resetMs / 1000)));
      const headers: Record<string, string> = { ...reply.headers, ...rateLimitHeaders(decision, now()) };
      if (options.rateLimit?.retryAfter === false) delete headers['retry-after'];
      return send({ ...reply, headers });
    }
    if (options.overloaded) return send(anthropicReplies.overloaded());

    const contentType = request.headers['content-type'] ?? '';
    const json = request.json;
    if (!contentType.toLowerCase().startsWith('application/json') || typeof json !== 'object' || json === null || Array.isArray(json)) {
      return send(anthropicError(400, 'invalid_request_error', 'There was an issue with your request body: could not parse it as a JSON object'));
    }
    const body = json as Record<string, unknown>;
    const problem = checkMessagesBody(body);
    if (problem) return send(anthropicError(400, 'invalid_request_error', problem));
    const model = body.model as string;
    if (options.models && !options.models.includes(model)) return send(anthropicError(404, 'not_found_error', `model: ${model}`));

    const prompt = promptText(body);
    const inputTokens = approximateTokens(prompt) + (typeof body.system === 'string' ? approximateTokens(body.system) : 0);
    return send({
      status: 200,
      headers: rateLimitHeaders(decision, now()),
      body: {
        id: `msg_fake${sequence}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: sentimentLabel(prompt) }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    });
  };
}

export async function startAnthropicFake(options: AnthropicFakeOptions = {}): Promise<AnthropicFake> {
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(anthropicHandler(options, bucket));
  return Object.assign(fake, { apiKey: options.apiKey ?? ANTHROPIC_FAKE_KEY, messagesUrl: `${fake.url}/v1/messages`, bucket });
}

/** For serve-fake: `--api-key`, `--rpm`, `--latency-ms`, `--overloaded`. */
export function serveAnthropicFake(settings: FakeSettings): Promise<AnthropicFake> {
  return startAnthropicFake({
    apiKey: settings['api-key'],
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    overloaded: settings.overloaded === 'true',
  });
}
