import { approximateTokens, deterministicEmbedding, float32Base64, sentimentLabel } from './fake-content.js';
import type { FakeReply, RecordedRequest } from './http-fake.js';

/**
 * The OpenAI wire protocol (chat completions and embeddings) as the OpenAI, Azure OpenAI and
 * Fireworks fakes share it: request checks that answer like the real service, and success bodies
 * with deterministic content (a sentiment label; hash-based vectors).
 */

/** What the real service reports for a bad request, in its `{"error":{...}}` body. */
export interface OpenAIProblem {
  status: number;
  message: string;
  type: string | null;
  param: string | null;
  code: string | null;
}

export function openAIErrorBody(problem: Omit<OpenAIProblem, 'status'>): { error: Omit<OpenAIProblem, 'status'> } {
  return { error: { message: problem.message, type: problem.type, param: problem.param, code: problem.code } };
}

export function problemReply(problem: OpenAIProblem, headers?: Record<string, string>): FakeReply {
  return { status: problem.status, headers, body: openAIErrorBody(problem) };
}

function invalid(message: string, param: string | null = null, code: string | null = null, status = 400): OpenAIProblem {
  return { status, message, type: 'invalid_request_error', param, code };
}

export const JSON_PARSE_PROBLEM = invalid(
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
    'The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix ' +
    'this, please contact us through our help center at help.openai.com.)',
);

const CHAT_ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];

/** The JSON object body, or the problem the service reports (wrong content type or not JSON). */
export function jsonObjectBody(request: RecordedRequest): Record<string, unknown> | OpenAIProblem {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/json')) return JSON_PARSE_PROBLEM;
  const json = request.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return JSON_PARSE_PROBLEM;
  return json as Record<string, unknown>;
}

export function isProblem(value: unknown): value is OpenAIProblem {
  return typeof value === 'object' && value !== null && 'status' in value && 'message' in value && 'param' in value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Text of a message `content`: a string, or the concatenated `text` parts of an array. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}

export interface ChatCheckOptions {
  /** Azure ignores `model` (the deployment decides); OpenAI and Fireworks require it. */
  requireModel: boolean;
}

/** Checks a chat completions body the way the service does; undefined when it is acceptable. */
export function checkChatBody(body: Record<string, unknown>, options: ChatCheckOptions): OpenAIProblem | undefined {
  if (options.requireModel && (typeof body.model !== 'string' || body.model === '')) {
    return invalid('you must provide a model parameter');
  }
  const messages = body.messages;
  if (messages === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) {
    return invalid(`Invalid type for 'messages': expected an array, but got ${typeName(messages)} instead.`, 'messages', 'invalid_type');
  }
  if (messages.length === 0) {
    return invalid(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  for (const [index, message] of messages.entries()) {
    const where = `messages[${index}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return invalid(`Invalid type for '${where}': expected an object, but got ${typeName(message)} instead.`, where, 'invalid_type');
    }
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (role === undefined) return invalid(`Missing required parameter: '${where}.role'.`, `${where}.role`, 'missing_required_parameter');
    if (typeof role !== 'string' || !CHAT_ROLES.includes(role)) {
      return invalid(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `${where}.role`,
        'invalid_value',
      );
    }
    if (role !== 'assistant' && content === undefined) {
      return invalid(`Missing required parameter: '${where}.content'.`, `${where}.content`, 'missing_required_parameter');
    }
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
      return invalid(
        `Invalid type for '${where}.content': expected one of a string or array of objects, but got ${typeName(content)} instead.`,
        `${where}.content`,
        'invalid_type',
      );
    }
  }
  const temperature = body.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
    return invalid(
      `Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${String(temperature)} instead.`,
      'temperature',
      'decimal_above_max_value',
    );
  }
  return undefined;
}

/** The prompt the fake answers: the last user message. */
export function lastUserText(body: Record<string, unknown>): string {
  const messages = body.messages as Array<{ role: string; content?: unknown }>;
  const user = [...messages].reverse().find((message) => message.role === 'user');
  return user ? contentText(user.content) : '';
}

export interface ChatReplyOptions {
  id: string;
  /** The model name the service reports (OpenAI echoes a dated snapshot; Azure the deployment's model). */
  model: string;
  created: number;
  /** Extra fields per choice (Azure's `content_filter_results`). */
  choiceExtras?: Record<string, unknown>;
  /** Extra top-level fields (Azure's `prompt_filter_results`). */
  extras?: Record<string, unknown>;
}

export function chatCompletionBody(body: Record<string, unknown>, options: ChatReplyOptions): Record<string, unknown> {
  const label = sentimentLabel(lastUserText(body));
  const promptTokens = (body.messages as Array<{ content?: unknown }>).reduce((sum, message) => sum + approximateTokens(contentText(message.content)) + 4, 0);
  const choices = Array.from({ length: typeof body.n === 'number' && body.n > 1 ? body.n : 1 }, (_, index) => ({
    index,
    message: { role: 'assistant', content: label, refusal: null },
    logprobs: null,
    finish_reason: 'stop',
    ...options.choiceExtras,
  }));
  return {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    ...options.extras,
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: choices.length, total_tokens: promptTokens + choices.length },
    system_fingerprint: 'fp_lateral_fake',
  };
}

export interface EmbeddingsCheckOptions {
  requireModel: boolean;
  /** 2048 for OpenAI, Fireworks and current Azure; 16 (or 1) for old Azure deployments. */
  maxInputs: number;
  /** The message the service gives when the array is too long. */
  tooManyInputsMessage?: (max: number) => string;
}

const INPUT_INVALID = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/** The input texts, or the problem the service reports. Token-id arrays are accepted and keyed by their ids. */
export function checkEmbeddingsBody(body: Record<string, unknown>, options: EmbeddingsCheckOptions): string[] | OpenAIProblem {
  if (options.requireModel && (typeof body.model !== 'string' || body.model === '')) {
    return invalid('you must provide a model parameter');
  }
  const input = body.input;
  if (input === undefined) return invalid("'input' is a required property");
  let inputs: unknown[];
  if (typeof input === 'string') inputs = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'number')) inputs = [input.join(' ')];
  else if (Array.isArray(input)) inputs = input;
  else return invalid(INPUT_INVALID);
  if (inputs.length === 0) return invalid(INPUT_INVALID);
  if (inputs.length > options.maxInputs) {
    return invalid(options.tooManyInputsMessage?.(options.maxInputs) ?? INPUT_INVALID);
  }
  const texts: string[] = [];
  for (const item of inputs) {
    if (typeof item === 'string' && item !== '') texts.push(item);
    else if (Array.isArray(item) && item.length > 0 && item.every((token) => typeof token === 'number')) texts.push(item.join(' '));
    else return invalid(INPUT_INVALID);
  }
  const format = body.encoding_format;
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    return invalid(`Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value');
  }
  const dimensions = body.dimensions;
  if (dimensions !== undefined && (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)) {
    return invalid(`Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got ${String(dimensions)} instead.`, 'dimensions', 'integer_below_min_value');
  }
  return texts;
}

export interface EmbeddingsReplyOptions {
  model: string;
  defaultDimensions: number;
  /** Answer `data` in reverse order, to prove clients match results by `index`. */
  reverseOrder?: boolean;
}

export function embeddingsBody(texts: string[], body: Record<string, unknown>, options: EmbeddingsReplyOptions): Record<string, unknown> {
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : options.defaultDimensions;
  const base64 = body.encoding_format === 'base64';
  const data = texts.map((text, index) => {
    const vector = deterministicEmbedding(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : vector };
  });
  if (options.reverseOrder) data.reverse();
  const tokens = texts.reduce((sum, text) => sum + approximateTokens(text), 0);
  return { object: 'list', data, model: options.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/** Echoes a key the way OpenAI does in its 401 message, without revealing the whole of it. */
export function redactKey(key: string): string {
  return key.length < 10 ? '***' : `${key.slice(0, 6)}***${key.slice(-3)}`;
}

/** `Authorization: Bearer <key>` → key; undefined when absent or not Bearer. */
export function bearerToken(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

/** Adds a fixed latency to every protocol reply (queued replies keep their own `delayMs`). */
export function withLatency(reply: FakeReply, latencyMs: number | undefined): FakeReply {
  return latencyMs ? { ...reply, delayMs: (reply.delayMs ?? 0) + latencyMs } : reply;
}
