import { randomUUID } from 'node:crypto';
import { approximateTokens, deterministicEmbedding, sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import { startHttpFake, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import type { FakeSettings } from './registry.js';

/**
 * A fake of the Gemini API (provider-protocols §11, §14.5): `x-goog-api-key` or `?key=`,
 * `/v1beta/models/<m>:generateContent`, `:embedContent`, `:batchEmbedContents` (≤ 100 requests),
 * google.rpc.Status errors, 429 RESOURCE_EXHAUSTED with RetryInfo. Answers are deterministic: a
 * sentiment label for generation, hash-based unit vectors for embeddings. The Gemini body checks and
 * answer builders are exported for the Vertex fake, which speaks the same generateContent protocol.
 */
export interface GoogleAIFakeOptions {
  /** The key the fake accepts (default `test-googleai-key`). */
  apiKey?: string;
  /** Embedding size when the request sets no `outputDimensionality` (default 8). */
  dimensions?: number;
  /** A request token bucket; an empty bucket answers 429 RESOURCE_EXHAUSTED with RetryInfo (the wait for the next token). */
  rateLimit?: RateLimitOptions;
  /** Milliseconds before each answer. */
  latencyMs?: number;
}

export interface GoogleAIFake extends HttpFake {
  apiKey: string;
  /** `<url>/v1beta/models/<model>:<verb>` */
  endpoint(model: string, verb?: string): string;
}

export const DEFAULT_GOOGLEAI_KEY = 'test-googleai-key';
export const GEMINI_BATCH_LIMIT = 100;

export async function startGoogleAIFake(options: GoogleAIFakeOptions = {}): Promise<GoogleAIFake> {
  const apiKey = options.apiKey ?? DEFAULT_GOOGLEAI_KEY;
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(async (request) => {
    const reply = answer(request, apiKey, bucket, options);
    return options.latencyMs ? { ...reply, delayMs: options.latencyMs } : reply;
  });
  return Object.assign(fake, {
    apiKey,
    endpoint: (model: string, verb = 'generateContent') => `${fake.url}/v1beta/models/${model}:${verb}`,
  });
}

/** serve-fake entry: `--api-key`, `--rpm`, `--latency-ms`, `--dimensions`. */
export function serveGoogleAIFake(settings: FakeSettings): Promise<GoogleAIFake> {
  return startGoogleAIFake({
    apiKey: settings['api-key'],
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    dimensions: settings.dimensions ? Number(settings.dimensions) : undefined,
  });
}

const PATH = /^\/(v1beta|v1|v1alpha)\/((?:models|tunedModels)\/([^/:]+)):([A-Za-z]+)$/;

function answer(request: RecordedRequest, apiKey: string, bucket: TokenBucket | undefined, options: GoogleAIFakeOptions): FakeReply {
  const match = PATH.exec(request.path);
  if (request.method !== 'POST' || !match) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
  const key = request.headers['x-goog-api-key'] ?? request.query.get('key') ?? undefined;
  if (key === undefined) {
    return googleError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
  }
  if (key !== apiKey) {
    return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
  }
  const limited = bucket && rateLimited(bucket);
  if (limited) return resourceExhausted(limited);
  const [, version, resource, model, verb] = match as unknown as [string, string, string, string, string];
  if (request.json === undefined || typeof request.json !== 'object' || request.json === null) {
    return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');
  }
  const body = request.json as Record<string, unknown>;
  const isEmbeddingModel = model.includes('embedding');
  const unsupported = () =>
    googleError(404, 'NOT_FOUND', `${resource} is not found for API version ${version}, or is not supported for ${verb}. Call ListModels to see the list of available models and their supported methods.`);
  const dimensions = options.dimensions ?? 8;
  switch (verb) {
    case 'generateContent': {
      if (isEmbeddingModel) return unsupported();
      const problem = checkGenerateContent(body);
      return problem ? googleError(400, 'INVALID_ARGUMENT', problem) : { status: 200, body: generateContentReply(body, model) };
    }
    case 'embedContent': {
      if (!isEmbeddingModel) return unsupported();
      const problem = checkUnknownFields(body, EMBED_REQUEST_FIELDS) ?? checkEmbedRequest(body, 'EmbedContentRequest', '');
      return problem ? googleError(400, 'INVALID_ARGUMENT', problem) : { status: 200, body: { embedding: { values: embeddingFor(body, dimensions) } } };
    }
    case 'batchEmbedContents': {
      if (!isEmbeddingModel) return unsupported();
      const problem = checkBatchEmbed(body, resource);
      if (problem) return googleError(400, 'INVALID_ARGUMENT', problem);
      const requests = body.requests as Array<Record<string, unknown>>;
      return { status: 200, body: { embeddings: requests.map((r) => ({ values: embeddingFor(r, dimensions) })) } };
    }
    default:
      return unsupported();
  }
}

// ---------------------------------------------------------------------------------------------
// Embeddings

/** REST accepts the proto JSON names in camelCase and snake_case (reference §11.2). */
const EMBED_REQUEST_FIELDS = ['model', 'content', 'taskType', 'task_type', 'title', 'outputDimensionality', 'output_dimensionality'];
const TASK_TYPES = new Set([
  'TASK_TYPE_UNSPECIFIED',
  'RETRIEVAL_QUERY',
  'RETRIEVAL_DOCUMENT',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
  'CODE_RETRIEVAL_QUERY',
]);

function checkBatchEmbed(body: Record<string, unknown>, resource: string): string | undefined {
  const unknown = checkUnknownFields(body, ['requests']);
  if (unknown) return unknown;
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) return '* BatchEmbedContentsRequest.requests: requests must not be empty\n';
  if (requests.length > GEMINI_BATCH_LIMIT) {
    return `* BatchEmbedContentsRequest.requests: at most ${GEMINI_BATCH_LIMIT} requests can be in one batch\n`;
  }
  for (const [index, request] of requests.entries()) {
    const where = `BatchEmbedContentsRequest.requests[${index}]`;
    if (typeof request !== 'object' || request === null) return `* ${where}: must be an object\n`;
    const fields = request as Record<string, unknown>;
    const problem = checkUnknownFields(fields, EMBED_REQUEST_FIELDS, `requests[${index}]`);
    if (problem) return problem;
    if (typeof fields.model !== 'string' || !/^(models|tunedModels)\/[^/]+$/.test(fields.model)) {
      return `* ${where}.model: unexpected model name format\n`;
    }
    if (fields.model !== resource) return `* ${where}.model: model must match the model in the request path (${resource})\n`;
    const embedProblem = checkEmbedRequest(fields, where, `requests[${index}].`);
    if (embedProblem) return embedProblem;
  }
  return undefined;
}

function checkEmbedRequest(fields: Record<string, unknown>, where: string, fieldPrefix: string): string | undefined {
  const content = fields.content as { parts?: unknown } | undefined;
  if (!content || !Array.isArray(content.parts) || content.parts.length === 0) return `* ${where}.content.parts: contents.parts must not be empty.\n`;
  for (const [index, part] of content.parts.entries()) {
    const text = (part as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || text === '') {
      return `* ${where}.content.parts[${index}].data: required oneof field 'data' must have one initialized field\n`;
    }
  }
  const taskType = fields.taskType ?? fields.task_type;
  if (taskType !== undefined && !(typeof taskType === 'string' && TASK_TYPES.has(taskType))) {
    return `Invalid value at '${fieldPrefix}task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), ${JSON.stringify(taskType)}`;
  }
  const dims = fields.outputDimensionality ?? fields.output_dimensionality;
  if (dims !== undefined && !(Number.isInteger(dims) && (dims as number) > 0)) {
    return `Invalid value at '${fieldPrefix}output_dimensionality' (TYPE_INT32), ${JSON.stringify(dims)}`;
  }
  return undefined;
}

function embeddingFor(fields: Record<string, unknown>, dimensions: number): number[] {
  const parts = (fields.content as { parts: Array<{ text: string }> }).parts;
  const dims = (fields.outputDimensionality ?? fields.output_dimensionality ?? dimensions) as number;
  return deterministicEmbedding(parts.map((p) => p.text).join('\n'), dims);
}

// ---------------------------------------------------------------------------------------------
// generateContent (shared with the Vertex fake)

const GENERATE_FIELDS = [
  'contents',
  'systemInstruction',
  'system_instruction',
  'generationConfig',
  'generation_config',
  'safetySettings',
  'safety_settings',
  'tools',
  'toolConfig',
  'tool_config',
  'cachedContent',
  'cached_content',
  'labels',
];
const GENERATION_CONFIG_FIELDS = [
  'temperature',
  'topP',
  'top_p',
  'topK',
  'top_k',
  'candidateCount',
  'candidate_count',
  'maxOutputTokens',
  'max_output_tokens',
  'stopSequences',
  'stop_sequences',
  'responseMimeType',
  'response_mime_type',
  'responseSchema',
  'response_schema',
  'seed',
  'presencePenalty',
  'presence_penalty',
  'frequencyPenalty',
  'frequency_penalty',
  'thinkingConfig',
  'thinking_config',
  'responseModalities',
  'response_modalities',
];

/** The reasons the real service rejects a generateContent body, in its own words; undefined when valid. */
export function checkGenerateContent(body: Record<string, unknown>): string | undefined {
  const unknown = checkUnknownFields(body, GENERATE_FIELDS);
  if (unknown) return unknown;
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified\n';
  for (const [index, content] of contents.entries()) {
    const { role, parts } = (content ?? {}) as { role?: unknown; parts?: unknown };
    if (role !== undefined && role !== 'user' && role !== 'model') return 'Please use a valid role: user, model.';
    if (!Array.isArray(parts) || parts.length === 0) return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.\n`;
  }
  const system = body.systemInstruction ?? body.system_instruction;
  if (system !== undefined && !Array.isArray((system as { parts?: unknown } | null)?.parts)) {
    return "Invalid JSON payload received. Unknown name \"\" at 'system_instruction': Proto field is not repeating, cannot start list.";
  }
  const config = body.generationConfig ?? body.generation_config;
  if (config !== undefined) {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) return "Invalid value at 'generation_config'.";
    const problem = checkUnknownFields(config as Record<string, unknown>, GENERATION_CONFIG_FIELDS, 'generation_config');
    if (problem) return problem;
  }
  return undefined;
}

/** A Gemini answer: the sentiment label of the last user text, with usage metadata. */
export function generateContentReply(body: Record<string, unknown>, model: string): Record<string, unknown> {
  const contents = body.contents as Array<{ parts: Array<{ text?: string }> }>;
  const prompt = (contents.at(-1)?.parts ?? []).map((p) => p.text ?? '').join('\n');
  const text = sentimentLabel(prompt);
  const promptTokenCount = approximateTokens(prompt);
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount, candidatesTokenCount: 1, totalTokenCount: promptTokenCount + 1 },
    modelVersion: model,
    responseId: randomUUID().replace(/-/g, '').slice(0, 22),
  };
}

// ---------------------------------------------------------------------------------------------
// Errors and pacing (shared with the Vertex fake)

/** `Unknown name "x": Cannot find field.`, as proto JSON parsing reports an unknown field. */
export function checkUnknownFields(fields: Record<string, unknown>, known: readonly string[], at?: string): string | undefined {
  const unknown = Object.keys(fields).find((key) => !known.includes(key));
  if (unknown === undefined) return undefined;
  return `Invalid JSON payload received. Unknown name ${JSON.stringify(unknown)}${at ? ` at '${at}'` : ''}: Cannot find field.`;
}

/** A google.rpc.Status error reply. */
export function googleError(code: number, status: string, message: string, details?: unknown[]): FakeReply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

/** 429 RESOURCE_EXHAUSTED with QuotaFailure and RetryInfo details, as the Gemini API sends it. */
export function resourceExhausted(retryDelaySeconds = 1): FakeReply {
  return googleError(429, 'RESOURCE_EXHAUSTED', `You exceeded your current quota, please check your plan and billing details. Please retry in ${retryDelaySeconds}s.`, [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryDelaySeconds}s` },
  ]);
}

/** The RetryInfo delay (whole seconds, at least 1) a limited request is told to wait, or undefined when allowed. */
export function rateLimited(bucket: TokenBucket): number | undefined {
  const decision = bucket.take();
  return decision.allowed ? undefined : Math.max(1, Math.ceil(decision.resetMs / 1000));
}
