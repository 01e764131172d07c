// @ts-check
/**
 * The OpenAI wire protocol as the benchmark fake speaks it: the checks the real service makes on
 * auth and body shape (so a client that sends a malformed request fails here too), its error body
 * `{"error":{message,type,param,code}}`, and cheap deterministic success bodies. The shapes follow
 * test/fakes/openai-protocol.ts (the test suite's fake), kept separate so this server runs as its
 * own plain-node process with nothing to compile.
 */

/** @typedef {{ status: number, message: string, type: string | null, param: string | null, code: string | null }} Problem */

/**
 * @param {number} status @param {string} message @param {string | null} type
 * @param {string | null} [code] @param {string | null} [param]
 * @returns {Problem}
 */
export function problem(status, message, type, code = null, param = null) {
  return { status, message, type, param, code };
}

/** @param {Problem} p */
export function errorBody(p) {
  return { error: { message: p.message, type: p.type, param: p.param, code: p.code } };
}

/** @type {(message: string, param?: string | null, code?: string | null) => Problem} */
const invalid = (message, param = null, code = null) => problem(400, message, 'invalid_request_error', code, param);

export const PROBLEMS = {
  noKey: problem(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
  ),
  /** @param {string} key */
  wrongKey: (key) =>
    problem(
      401,
      `Incorrect API key provided: ${key.length < 10 ? '***' : `${key.slice(0, 6)}***${key.slice(-3)}`}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      'invalid_api_key',
    ),
  notJson: invalid(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  ),
  /** @param {string} method @param {string} path */
  notFound: (method, path) => problem(404, `Invalid URL (${method} ${path})`, 'invalid_request_error'),
  /** @param {number} limit @param {number} retryMs */
  rateLimited: (limit, retryMs, duration) =>
    problem(
      429,
      `Rate limit reached for gpt-4o-mini in organization org-bench on requests per min (RPM): Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${duration(retryMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
      'requests',
      'rate_limit_exceeded',
    ),
  serverError: problem(500, 'The server had an error while processing your request. Sorry about that!', 'server_error'),
  overloaded: problem(503, 'The engine is currently overloaded, please try again later.', 'server_error'),
};

const ROLES = new Set(['system', 'assistant', 'user', 'function', 'tool', 'developer']);
const INPUT_INVALID = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/**
 * @param {Record<string, unknown>} body
 * @returns {Problem | string} the problem, or the last user message's text
 */
export function checkChat(body) {
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter');
  const messages = body.messages;
  if (messages === undefined) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) return invalid("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
  if (messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  let userText = '';
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index];
    const where = `messages[${index}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return invalid(`Invalid type for '${where}': expected an object.`, where, 'invalid_type');
    }
    if (typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return invalid(`Invalid value: '${String(message.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`, `${where}.role`, 'invalid_value');
    }
    const content = message.content;
    if (message.role !== 'assistant' && content === undefined) {
      return invalid(`Missing required parameter: '${where}.content'.`, `${where}.content`, 'missing_required_parameter');
    }
    if (content !== undefined && content !== null && typeof content !== 'string' && !Array.isArray(content)) {
      return invalid(`Invalid type for '${where}.content': expected one of a string or array of objects.`, `${where}.content`, 'invalid_type');
    }
    if (message.role === 'user') userText = typeof content === 'string' ? content : Array.isArray(content) ? content.map((part) => part?.text ?? '').join('') : '';
  }
  const temperature = body.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
    return invalid(`Invalid 'temperature': expected a value between 0 and 2, but got ${String(temperature)} instead.`, 'temperature', 'decimal_above_max_value');
  }
  return userText;
}

/**
 * @param {Record<string, unknown>} body
 * @returns {Problem | string[]} the problem, or the input texts
 */
export function checkEmbeddings(body) {
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter');
  const input = body.input;
  if (input === undefined) return invalid("'input' is a required property");
  const inputs = typeof input === 'string' ? [input] : Array.isArray(input) ? input : undefined;
  if (!inputs || inputs.length === 0 || inputs.length > 2048) return invalid(INPUT_INVALID);
  for (const item of inputs) if (typeof item !== 'string' || item === '') return invalid(INPUT_INVALID);
  const format = body.encoding_format;
  if (format !== undefined && format !== 'float' && format !== 'base64') {
    return invalid(`Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value');
  }
  const dimensions = body.dimensions;
  if (dimensions !== undefined && (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1)) {
    return invalid(`Invalid 'dimensions': expected an integer >= 1.`, 'dimensions', 'integer_below_min_value');
  }
  return /** @type {string[]} */ (inputs);
}

const POSITIVE = /\b(love|great|excellent|good|perfect|fantastic)\b/i;
const NEGATIVE = /\b(hate|terrible|bad|awful|broken|disappointed)\b/i;

/** @param {string} text */
export function sentimentOf(text) {
  const positive = POSITIVE.test(text);
  const negative = NEGATIVE.test(text);
  return positive === negative ? 'NEUTRAL' : positive ? 'POSITIVE' : 'NEGATIVE';
}

/** @param {string} text @param {string} model @param {number} sequence */
export function chatBody(text, model, sequence) {
  const promptTokens = Math.max(1, Math.ceil(text.length / 4)) + 12;
  return {
    id: `chatcmpl-bench${sequence}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: sentimentOf(text), refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: 1, total_tokens: promptTokens + 1 },
    system_fingerprint: 'fp_lateral_bench',
  };
}

/**
 * A cheap deterministic vector per text (FNV-1a seeded per dimension): equal texts, equal vectors.
 * @param {string} text @param {number} dimensions
 */
export function vectorOf(text, dimensions) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const vector = new Array(dimensions);
  for (let d = 0; d < dimensions; d += 1) {
    hash = Math.imul(hash ^ (d + 1), 0x01000193) >>> 0;
    vector[d] = Math.round(((hash % 2000) / 1000 - 1) * 1e4) / 1e4;
  }
  return vector;
}

/** @param {string[]} texts @param {Record<string, unknown>} body @param {number} defaultDimensions */
export function embeddingsBody(texts, body, defaultDimensions) {
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : defaultDimensions;
  const base64 = body.encoding_format === 'base64';
  let tokens = 0;
  const data = texts.map((text, index) => {
    tokens += Math.max(1, Math.ceil(text.length / 4));
    const vector = vectorOf(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
  });
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
