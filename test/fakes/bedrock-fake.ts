import { verifySigV4, type AwsFakeCredentials } from './aws-sigv4-verify.js';
import { approximateTokens, deterministicEmbedding, sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import type { FakeSettings } from './registry.js';

/**
 * AWS Bedrock runtime InvokeModel (provider-protocols §7): SigV4 verified for real (service
 * `bedrock`), restJson1 errors (`x-amzn-ErrorType` + `{"message"}`), one body schema per model
 * family, checked the way Bedrock checks it ("Malformed input request: …"), and deterministic
 * outputs: a sentiment label for text models, hash-based vectors for embedding models.
 */

export const BEDROCK_FAKE_CREDENTIALS: AwsFakeCredentials = {
  accessKeyId: 'AKIDLATERALBEDROCKFAKE',
  secretAccessKey: 'lateral/bedrock/fake/secret/key/0123456789',
};

export interface BedrockFakeOptions {
  credentials?: AwsFakeCredentials;
  /** The region requests must be signed for (default `us-east-1`). */
  region?: string;
  /** The server clock (default Date.now): requests signed more than 5 minutes off are refused. */
  now?: () => number;
  /** When set, other (base) model ids answer 400 "The provided model identifier is invalid." */
  models?: readonly string[];
  /** Token bucket; empty → 429 ThrottlingException. */
  rateLimit?: RateLimitOptions;
  /** Adds `x-amz-retry-after: <ms>` to 429s (the SDKs honour it; Bedrock's use of it is unverified). */
  retryAfterMs?: number;
  latencyMs?: number;
}

export interface BedrockFake extends HttpFake {
  credentials: AwsFakeCredentials;
  region: string;
  bucket?: TokenBucket;
  /** `<url>/model/<id>/invoke` with the id encoded as the SDKs do. */
  invokeUrl(modelId: string): string;
}

type Body = Record<string, unknown>;
interface Outcome {
  body: unknown;
  inputTokens: number;
  outputTokens: number;
}
type Family = (body: Body, modelId: string) => Outcome | FakeReply;

const REQUEST_ID = '11111111-2222-3333-4444-555555555555';

export function awsErrorReply(status: number, errorType: string, message: string, extra: Record<string, unknown> = {}): FakeReply {
  return {
    status,
    headers: { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': REQUEST_ID },
    body: { message, ...extra },
  };
}

/** Scripted replies for the `queue`, in Bedrock's shapes. */
export const bedrockReplies = {
  throttled: (retryAfterMs?: number): FakeReply => {
    const reply = awsErrorReply(429, 'ThrottlingException', 'Too many requests, please wait before trying again.');
    if (retryAfterMs !== undefined) reply.headers!['x-amz-retry-after'] = String(retryAfterMs);
    return reply;
  },
  throttledOn400: (): FakeReply => awsErrorReply(400, 'ThrottlingException', 'Too many tokens, please wait before trying again.'),
  serviceUnavailable: (): FakeReply => awsErrorReply(503, 'ServiceUnavailableException', 'Bedrock is unable to process your request.'),
  modelNotReady: (): FakeReply => awsErrorReply(429, 'ModelNotReadyException', 'Model is not ready for inference. Wait and try your request again.'),
  modelTimeout: (): FakeReply => awsErrorReply(408, 'ModelTimeoutException', 'Model has timed out in processing the request. Try your request again.'),
  modelError: (): FakeReply =>
    awsErrorReply(424, 'ModelErrorException', 'Received a model error.', { originalStatusCode: 500, resourceName: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/jumpstart' }),
  accessDenied: (): FakeReply => awsErrorReply(403, 'AccessDeniedException', "You don't have access to the model with the specified model ID."),
  internal: (): FakeReply => awsErrorReply(500, 'InternalServerException', 'The server encountered an internal error.'),
};

const malformed = (detail: string): FakeReply => awsErrorReply(400, 'ValidationException', `Malformed input request: ${detail}, please reformat your input and try again.`);

/** Bedrock's JSON-schema style checks: required keys, no extraneous keys, simple types. */
function checkKeys(body: Body, required: readonly string[], allowed: readonly string[]): FakeReply | undefined {
  for (const key of required) if (!(key in body)) return malformed(`#: required key [${key}] not found`);
  for (const key of Object.keys(body)) if (!allowed.includes(key)) return malformed(`#: extraneous key [${key}] is not permitted`);
  return undefined;
}

function expectType(body: Body, key: string, type: 'string' | 'integer' | 'number' | 'array' | 'object' | 'boolean'): FakeReply | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const ok =
    type === 'array' ? Array.isArray(value)
    : type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
    : type === 'integer' ? Number.isInteger(value)
    : typeof value === type;
  const actual = Array.isArray(value) ? 'JSONArray' : value === null ? 'Null' : typeof value === 'object' ? 'JSONObject' : typeof value === 'number' ? (Number.isInteger(value) ? 'Integer' : 'BigDecimal') : typeof value === 'string' ? 'String' : 'Boolean';
  const expected = { string: 'String', integer: 'Integer', number: 'Number', array: 'JSONArray', object: 'JSONObject', boolean: 'Boolean' }[type];
  return ok ? undefined : malformed(`#/${key}: expected type: ${expected}, found: ${actual}`);
}

function firstProblem(...checks: Array<FakeReply | undefined>): FakeReply | undefined {
  return checks.find((check) => check !== undefined);
}

function isReply(value: Outcome | FakeReply): value is FakeReply {
  return 'status' in value;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((block) => (typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string' ? (block as { text: string }).text : '')).join('');
}

const titanText: Family = (body) => {
  const problem = firstProblem(checkKeys(body, ['inputText'], ['inputText', 'textGenerationConfig']), expectType(body, 'inputText', 'string'), expectType(body, 'textGenerationConfig', 'object'));
  if (problem) return problem;
  const config = (body.textGenerationConfig ?? {}) as Body;
  for (const key of Object.keys(config)) {
    if (!['temperature', 'topP', 'maxTokenCount', 'stopSequences'].includes(key)) return malformed(`#/textGenerationConfig: extraneous key [${key}] is not permitted`);
  }
  if (typeof config.temperature === 'number' && (config.temperature < 0 || config.temperature > 1)) {
    return malformed(`#/textGenerationConfig/temperature: ${config.temperature} is not less or equal to 1`);
  }
  const prompt = body.inputText as string;
  const label = sentimentLabel(prompt);
  const inputTokens = approximateTokens(prompt);
  return { body: { inputTextTokenCount: inputTokens, results: [{ tokenCount: 1, outputText: label, completionReason: 'FINISHED' }] }, inputTokens, outputTokens: 1 };
};

const titanEmbed: Family = (body, modelId) => {
  const v2 = modelId.includes('titan-embed-text-v2');
  const allowed = v2 ? ['inputText', 'dimensions', 'normalize', 'embeddingTypes'] : ['inputText'];
  const problem = firstProblem(checkKeys(body, ['inputText'], allowed), expectType(body, 'inputText', 'string'), expectType(body, 'dimensions', 'integer'));
  if (problem) return problem;
  const text = body.inputText as string;
  if (text.length === 0) return malformed('#/inputText: expected minLength: 1, actual: 0');
  const dimensions = v2 ? ((body.dimensions as number | undefined) ?? 1024) : 1536;
  if (![256, 512, 1024, 1536].includes(dimensions) || (v2 && dimensions === 1536)) return malformed(`#/dimensions: ${dimensions} is not a valid enum value`);
  const embedding = deterministicEmbedding(text, dimensions);
  const inputTokens = approximateTokens(text);
  const result: Body = { embedding, inputTextTokenCount: inputTokens };
  if (v2) {
    const types = (body.embeddingTypes as string[] | undefined) ?? ['float'];
    result.embeddingsByType = Object.fromEntries(types.map((type) => [type, type === 'binary' ? embedding.map((value) => (value > 0 ? 1 : 0)) : embedding]));
  }
  return { body: result, inputTokens, outputTokens: 0 };
};

const CLAUDE_KEYS = ['anthropic_version', 'anthropic_beta', 'max_tokens', 'system', 'messages', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'tools', 'tool_choice', 'metadata', 'thinking'];

const claudeMessages: Family = (body, modelId) => {
  const problem = firstProblem(
    checkKeys(body, ['anthropic_version', 'max_tokens', 'messages'], CLAUDE_KEYS),
    expectType(body, 'max_tokens', 'integer'),
    expectType(body, 'messages', 'array'),
  );
  if (problem) return problem;
  if (body.anthropic_version !== 'bedrock-2023-05-31') return awsErrorReply(400, 'ValidationException', `invalid anthropic_version: ${JSON.stringify(body.anthropic_version)}; expected "bedrock-2023-05-31"`);
  const messages = body.messages as Array<{ role?: unknown; content?: unknown }>;
  if (messages.length === 0) return awsErrorReply(400, 'ValidationException', 'messages: at least one message is required');
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant') return awsErrorReply(400, 'ValidationException', `messages.${index}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) return awsErrorReply(400, 'ValidationException', `messages.${index}.content: Input should be a valid list`);
  }
  if (messages[0]!.role !== 'user') return awsErrorReply(400, 'ValidationException', 'messages: first message must use the "user" role');
  const prompt = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
  const inputTokens = messages.reduce((sum, message) => sum + approximateTokens(textOf(message.content)), 0) + approximateTokens(typeof body.system === 'string' ? body.system : '');
  return {
    body: {
      id: `msg_bdrk_${inputTokens}${prompt.length}`,
      type: 'message',
      role: 'assistant',
      model: modelId.replace(/^.*anthropic\./, '').replace(/-v\d+(:\d+)?$/, ''),
      content: [{ type: 'text', text: sentimentLabel(prompt) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: 1 },
    },
    inputTokens,
    outputTokens: 1,
  };
};

const claudeCompletions: Family = (body, modelId) => {
  if ('messages' in body) return claudeMessages(body, modelId);
  const problem = firstProblem(
    checkKeys(body, ['prompt', 'max_tokens_to_sample'], ['prompt', 'max_tokens_to_sample', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'anthropic_version']),
    expectType(body, 'prompt', 'string'),
    expectType(body, 'max_tokens_to_sample', 'integer'),
  );
  if (problem) return problem;
  const prompt = body.prompt as string;
  if (!/^(?:[\s\S]*?)\n\nHuman:/.test(prompt) || !prompt.endsWith('\n\nAssistant:')) {
    return awsErrorReply(400, 'ValidationException', 'prompt must start with "\\n\\nHuman:" turn after an optional system prompt, and end with "\\n\\nAssistant:"');
  }
  const human = prompt.slice(prompt.lastIndexOf('\n\nHuman:') + 8, prompt.lastIndexOf('\n\nAssistant:'));
  const inputTokens = approximateTokens(prompt);
  return { body: { type: 'completion', completion: ` ${sentimentLabel(human)}`, stop_reason: 'stop_sequence', stop: '\n\nHuman:' }, inputTokens, outputTokens: 1 };
};

const llama: Family = (body) => {
  const problem = firstProblem(
    checkKeys(body, ['prompt'], ['prompt', 'max_gen_len', 'temperature', 'top_p', 'images']),
    expectType(body, 'prompt', 'string'),
    expectType(body, 'max_gen_len', 'integer'),
  );
  if (problem) return problem;
  const prompt = body.prompt as string;
  if (typeof body.max_gen_len === 'number' && (body.max_gen_len < 1 || body.max_gen_len > 2048)) return malformed(`#/max_gen_len: ${body.max_gen_len} is not less or equal to 2048`);
  const inputTokens = approximateTokens(prompt);
  return { body: { generation: sentimentLabel(prompt), prompt_token_count: inputTokens, generation_token_count: 1, stop_reason: 'stop' }, inputTokens, outputTokens: 1 };
};

const mistral: Family = (body) => {
  if ('messages' in body) {
    const problem = firstProblem(checkKeys(body, ['messages'], ['messages', 'max_tokens', 'temperature', 'top_p', 'tools', 'tool_choice']), expectType(body, 'messages', 'array'));
    if (problem) return problem;
    const messages = body.messages as Array<{ role?: unknown; content?: unknown }>;
    const prompt = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
    const inputTokens = approximateTokens(prompt);
    return { body: { choices: [{ index: 0, message: { role: 'assistant', content: sentimentLabel(prompt) }, stop_reason: 'stop' }] }, inputTokens, outputTokens: 1 };
  }
  const problem = firstProblem(checkKeys(body, ['prompt'], ['prompt', 'max_tokens', 'temperature', 'top_p', 'top_k', 'stop']), expectType(body, 'prompt', 'string'), expectType(body, 'stop', 'array'));
  if (problem) return problem;
  const prompt = body.prompt as string;
  return { body: { outputs: [{ text: sentimentLabel(prompt), stop_reason: 'stop' }] }, inputTokens: approximateTokens(prompt), outputTokens: 1 };
};

const COHERE_INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image'];

const cohereEmbed: Family = (body) => {
  const problem = firstProblem(
    checkKeys(body, ['texts', 'input_type'], ['texts', 'input_type', 'truncate', 'embedding_types', 'images']),
    expectType(body, 'texts', 'array'),
    expectType(body, 'input_type', 'string'),
  );
  if (problem) return problem;
  const texts = body.texts as unknown[];
  if (texts.length > 96) return malformed(`#/texts: expected maxItems: 96, actual: ${texts.length}`);
  if (!COHERE_INPUT_TYPES.includes(body.input_type as string)) return malformed(`#/input_type: ${String(body.input_type)} is not a valid enum value`);
  for (const [index, text] of texts.entries()) {
    if (typeof text !== 'string') return malformed(`#/texts/${index}: expected type: String, found: ${typeof text}`);
    if (text.length > 2048) return malformed(`#/texts/${index}: expected maxLength: 2048, actual: ${text.length}`);
  }
  const vectors = (texts as string[]).map((text) => deterministicEmbedding(text, 1024));
  const types = body.embedding_types as string[] | undefined;
  const inputTokens = (texts as string[]).reduce((sum, text) => sum + approximateTokens(text), 0);
  const result: Body = types
    ? { id: 'emb-fake', response_type: 'embeddings_by_type', embeddings: Object.fromEntries(types.map((type) => [type, vectors])), texts }
    : { id: 'emb-fake', response_type: 'embeddings_floats', embeddings: vectors, texts };
  return { body: result, inputTokens, outputTokens: 0 };
};

const cohereGenerate: Family = (body) => {
  const problem = firstProblem(
    checkKeys(body, ['prompt'], ['prompt', 'max_tokens', 'temperature', 'p', 'k', 'stop_sequences', 'return_likelihoods', 'stream', 'num_generations', 'truncate', 'logit_bias']),
    expectType(body, 'prompt', 'string'),
  );
  if (problem) return problem;
  if (body.stream === true) return awsErrorReply(400, 'ValidationException', 'stream is not supported by InvokeModel; use InvokeModelWithResponseStream');
  const prompt = body.prompt as string;
  const count = typeof body.num_generations === 'number' ? body.num_generations : 1;
  const generations = Array.from({ length: count }, (_, index) => ({ id: `gen-${index}`, text: sentimentLabel(prompt), finish_reason: 'COMPLETE' }));
  return { body: { id: 'cohere-fake', generations, prompt }, inputTokens: approximateTokens(prompt), outputTokens: count };
};

const cohereChat: Family = (body) => {
  const problem = firstProblem(
    checkKeys(body, ['message'], ['message', 'chat_history', 'preamble', 'max_tokens', 'temperature', 'p', 'k', 'stop_sequences', 'seed', 'documents', 'tools', 'tool_results', 'search_queries_only', 'prompt_truncation', 'frequency_penalty', 'presence_penalty', 'return_prompt', 'raw_prompting', 'force_single_step']),
    expectType(body, 'message', 'string'),
  );
  if (problem) return problem;
  const message = body.message as string;
  const text = sentimentLabel(message);
  return {
    body: { response_id: 'resp-fake', text, generation_id: 'gen-fake', chat_history: [{ role: 'USER', message }, { role: 'CHATBOT', message: text }], finish_reason: 'COMPLETE' },
    inputTokens: approximateTokens(message),
    outputTokens: 1,
  };
};

const ai21: Family = (body, modelId) => {
  if (modelId.includes('jamba')) {
    const problem = firstProblem(checkKeys(body, ['messages'], ['messages', 'max_tokens', 'temperature', 'top_p', 'stop', 'n', 'frequency_penalty', 'presence_penalty', 'documents', 'tools', 'response_format']), expectType(body, 'messages', 'array'));
    if (problem) return problem;
    const messages = body.messages as Array<{ role?: unknown; content?: unknown }>;
    const prompt = textOf([...messages].reverse().find((message) => message.role === 'user')?.content);
    const inputTokens = approximateTokens(prompt);
    return {
      body: { id: 'chatcmpl-fake', choices: [{ index: 0, message: { role: 'assistant', content: sentimentLabel(prompt) }, finish_reason: 'stop' }], usage: { prompt_tokens: inputTokens, completion_tokens: 1, total_tokens: inputTokens + 1 } },
      inputTokens,
      outputTokens: 1,
    };
  }
  const problem = firstProblem(
    checkKeys(body, ['prompt'], ['prompt', 'maxTokens', 'temperature', 'topP', 'stopSequences', 'countPenalty', 'presencePenalty', 'frequencyPenalty', 'numResults', 'minTokens', 'topKReturn']),
    expectType(body, 'prompt', 'string'),
  );
  if (problem) return problem;
  const prompt = body.prompt as string;
  return {
    body: { id: 1234, prompt: { text: prompt, tokens: [] }, completions: [{ data: { text: sentimentLabel(prompt), tokens: [] }, finishReason: { reason: 'endoftext' } }] },
    inputTokens: approximateTokens(prompt),
    outputTokens: 1,
  };
};

/** The fake's own reading of a model id (ARN, inference profile) — independent of the provider's. */
export function fakeBaseModelId(modelId: string): string {
  let id = modelId;
  if (id.startsWith('arn:')) id = id.split(':').slice(5).join(':').split('/')[1] ?? '';
  return id.replace(/^(?:us|eu|apac|us-gov|ca|jp|au|global)\./, '');
}

function familyOf(baseId: string): Family | undefined {
  if (baseId.startsWith('amazon.titan-embed')) return titanEmbed;
  if (baseId.startsWith('amazon.titan-text') || baseId.startsWith('amazon.titan-tg1')) return titanText;
  if (/^anthropic\.claude-(?:v2|instant-v1)(?::\d+)?$/.test(baseId)) return claudeCompletions;
  if (baseId.startsWith('anthropic.claude')) return claudeMessages;
  if (baseId.startsWith('meta.llama')) return llama;
  if (baseId.startsWith('mistral.')) return mistral;
  if (baseId.startsWith('cohere.embed')) return cohereEmbed;
  if (baseId.startsWith('cohere.command-r')) return cohereChat;
  if (baseId.startsWith('cohere.command')) return cohereGenerate;
  if (baseId.startsWith('ai21.')) return ai21;
  return undefined;
}

const INVOKE = /^\/model\/([^/]+)\/invoke$/;

export function bedrockHandler(options: BedrockFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const credentials = options.credentials ?? BEDROCK_FAKE_CREDENTIALS;
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const latency = (reply: FakeReply): FakeReply => (options.latencyMs ? { ...reply, delayMs: (reply.delayMs ?? 0) + options.latencyMs } : reply);

  return (request: RecordedRequest): FakeReply => {
    const verdict = verifySigV4({ method: request.method, rawUrl: request.url, headers: request.headers, body: request.body }, { credentials, region, service: 'bedrock', now: now() });
    if (!verdict.ok) return latency(awsErrorReply(verdict.status, verdict.errorType, verdict.message));
    const rawPath = request.url.split('?')[0]!;
    const route = INVOKE.exec(rawPath);
    if (!route || request.method !== 'POST') return latency(awsErrorReply(404, 'UnknownOperationException', `Unknown operation ${request.method} ${rawPath}`));
    if (bucket && !bucket.take().allowed) return latency(bedrockReplies.throttled(options.retryAfterMs));
    const modelId = decodeURIComponent(route[1]!);
    const baseId = fakeBaseModelId(modelId);
    const family = familyOf(baseId);
    if (!family || (options.models && !options.models.includes(baseId))) {
      return latency(awsErrorReply(400, 'ValidationException', 'The provided model identifier is invalid.'));
    }
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return latency(awsErrorReply(400, 'ValidationException', `Content type ${request.headers['content-type'] ?? '<none>'} is not supported; use application/json.`));
    }
    const json = request.json;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return latency(awsErrorReply(400, 'ValidationException', 'Malformed input request, please reformat your input and try again.'));
    }
    const outcome = family(json as Body, baseId);
    if (isReply(outcome)) return latency(outcome);
    return latency({
      status: 200,
      headers: {
        'x-amzn-requestid': REQUEST_ID,
        'x-amzn-bedrock-input-token-count': String(outcome.inputTokens),
        'x-amzn-bedrock-output-token-count': String(outcome.outputTokens),
        'x-amzn-bedrock-invocation-latency': '42',
      },
      body: outcome.body,
    });
  };
}

export async function startBedrockFake(options: BedrockFakeOptions = {}): Promise<BedrockFake> {
  const bucket = options.rateLimit ? createTokenBucket({ now: options.now, ...options.rateLimit }) : undefined;
  const fake = await startHttpFake(bedrockHandler(options, bucket));
  return Object.assign(fake, {
    credentials: options.credentials ?? BEDROCK_FAKE_CREDENTIALS,
    region: options.region ?? 'us-east-1',
    bucket,
    invokeUrl: (modelId: string) => `${fake.url}/model/${encodeURIComponent(modelId)}/invoke`,
  });
}

/** For serve-fake: `--access-key`, `--secret-key`, `--session-token`, `--region`, `--rpm`, `--latency-ms`. */
export function serveBedrockFake(settings: FakeSettings): Promise<BedrockFake> {
  return startBedrockFake({
    credentials: settings['access-key'] && settings['secret-key']
      ? { accessKeyId: settings['access-key'], secretAccessKey: settings['secret-key'], sessionToken: settings['session-token'] }
      : BEDROCK_FAKE_CREDENTIALS,
    region: settings.region,
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
  });
}
