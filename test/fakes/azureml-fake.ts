import { sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import {
  bearerToken,
  chatCompletionBody,
  checkChatBody,
  checkEmbeddingsBody,
  embeddingsBody,
  isProblem,
  jsonObjectBody,
  problemReply,
} from './openai-protocol.js';
import type { FakeSettings } from './registry.js';

/**
 * An Azure Machine Learning online endpoint (provider-protocols §9): `Authorization: Bearer
 * <key>`, deployments picked by `azureml-model-deployment`, an MLflow-style `/score` route
 * (`input_data` in pandas "split" orientation, tensors, or the foundation-model chat shape), and
 * the OpenAI-compatible routes of AI Studio serverless APIs (`/v1/chat/completions`,
 * `/chat/completions`, `/embeddings`). Predictions are deterministic: for numeric rows
 * Σ (i+1)·xᵢ rounded to 6 decimals, for rows with text a sentiment label of the text.
 */

export const AZUREML_FAKE_KEY = 'azureml-fake-endpoint-key-0123456789abcdef';

export interface AzureMLFakeOptions {
  /** The only key accepted (`Authorization: Bearer <apiKey>`). */
  apiKey?: string;
  /** Deployments of the endpoint (default `blue`); the first one takes the traffic. */
  deployments?: readonly string[];
  /** No deployment has traffic: requests without `azureml-model-deployment` answer 404. */
  noDefaultTraffic?: boolean;
  /** Token bucket; empty → 429 (too many pending requests). */
  rateLimit?: RateLimitOptions;
  latencyMs?: number;
}

export interface AzureMLFake extends HttpFake {
  apiKey: string;
  /** `<url>/score` */
  scoreUrl: string;
  /** `<url>/v1/chat/completions` (AI Studio serverless style) */
  chatUrl: string;
  bucket?: TokenBucket;
}

const NO_DEPLOYMENT =
  'No valid deployments to route to. Please check that the endpoint has at least one deployment with positive weight values or use a deployment specific header to route. ' +
  '[https://docs.microsoft.com/azure/machine-learning/how-to-deploy-online-endpoints#deploy-to-azure]';

/** Scripted replies for the `queue`, with the status codes of §9.4. */
export const azuremlReplies = {
  tooManyRequests: (): FakeReply => ({ status: 429, body: { message: 'Too many pending requests: the deployment already has 2 * max_concurrent_requests_per_instance * instance_count requests in flight.' } }),
  requestTimeout: (): FakeReply => ({ status: 408, body: { message: 'Request timed out: the model run exceeded request_settings.request_timeout_ms.' } }),
  modelError: (containerStatus = 500, reason = 'model_error'): FakeReply => ({
    status: 424,
    headers: { 'ms-azureml-model-error-statuscode': String(containerStatus), 'ms-azureml-model-error-reason': reason },
    body: { message: 'An unexpected error occurred in scoring script. Check the logs for more info.' },
  }),
  serviceUnavailable: (): FakeReply => ({ status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure' }),
};

function containerError(status: number, message: string): FakeReply {
  return { status: 424, headers: { 'ms-azureml-model-error-statuscode': String(status), 'ms-azureml-model-error-reason': 'model_error' }, body: { message } };
}

/** One row's prediction: Σ (i+1)·xᵢ of its numbers, or a sentiment label when it holds text. */
export function rowPrediction(row: readonly unknown[]): number | string {
  const flat = row.flat(Infinity) as unknown[];
  const texts = flat.filter((value): value is string => typeof value === 'string' && !Number.isFinite(Number(value)));
  if (texts.length > 0) return sentimentLabel(texts.join(' '));
  const sum = flat.reduce<number>((total, value, index) => total + (index + 1) * Number(value ?? 0), 0);
  return Math.round(sum * 1e6) / 1e6;
}

/** `/score`: the MLflow scoring server's `input_data` shapes. */
function score(json: unknown): FakeReply {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('input_data' in json)) {
    return containerError(400, "Request must contain a top level key named 'input_data'");
  }
  const input = (json as { input_data: unknown }).input_data;
  if (Array.isArray(input)) {
    // a tensor: one prediction per first-axis entry
    return { status: 200, body: input.map((row) => rowPrediction(Array.isArray(row) ? row : [row])) };
  }
  if (typeof input !== 'object' || input === null) return containerError(400, 'input_data must be a dataframe, a tensor or a dictionary of tensors');
  const frame = input as Record<string, unknown>;
  if (Array.isArray(frame.input_string)) {
    const last = [...frame.input_string].reverse().find((message) => (message as { role?: unknown }).role === 'user') as { content?: unknown } | undefined;
    return { status: 200, body: { output: sentimentLabel(typeof last?.content === 'string' ? last.content : '') } };
  }
  if (!Array.isArray(frame.columns) || !Array.isArray(frame.data)) {
    return containerError(400, "Failed to parse input as a pandas DataFrame: 'split' orientation needs 'columns' and 'data'");
  }
  const columns = frame.columns;
  const data = frame.data as unknown[];
  if (frame.index !== undefined && (!Array.isArray(frame.index) || frame.index.length !== data.length)) {
    return containerError(400, `Shape of passed values is (${data.length}, ${columns.length}), indices imply (${Array.isArray(frame.index) ? frame.index.length : 0}, ${columns.length})`);
  }
  for (const row of data) {
    if (!Array.isArray(row) || row.length !== columns.length) {
      return containerError(400, `${columns.length} columns passed, passed data had ${Array.isArray(row) ? row.length : 1} columns`);
    }
  }
  return { status: 200, body: (data as unknown[][]).map(rowPrediction) };
}

const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions', '/models/chat/completions']);
const EMBEDDINGS_PATHS = new Set(['/v1/embeddings', '/embeddings', '/models/embeddings']);

export function azuremlHandler(options: AzureMLFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const apiKey = options.apiKey ?? AZUREML_FAKE_KEY;
  const deployments = options.deployments ?? ['blue'];
  let sequence = 0;

  return (request: RecordedRequest): FakeReply => {
    sequence += 1;
    const route = request.path === '/score' ? 'score' : CHAT_PATHS.has(request.path) ? 'chat' : EMBEDDINGS_PATHS.has(request.path) ? 'embeddings' : undefined;
    const answer = (reply: FakeReply, deployment?: string): FakeReply => ({
      ...reply,
      headers: { 'x-request-id': `azureml-fake-${sequence}`, ...(deployment ? { 'azureml-model-deployment': deployment } : {}), ...reply.headers },
      delayMs: (reply.delayMs ?? 0) + (options.latencyMs ?? 0),
    });
    if (!route || request.method !== 'POST') return answer({ status: 404, body: { message: `Resource not found: ${request.method} ${request.path}` } });
    if (bearerToken(request) !== apiKey) return answer({ status: 401, body: 'key_auth_access_denied' });

    const wanted = request.headers['azureml-model-deployment'];
    if (wanted !== undefined && !deployments.includes(wanted)) return answer({ status: 404, body: { message: NO_DEPLOYMENT } });
    if (wanted === undefined && options.noDefaultTraffic) return answer({ status: 404, body: { message: NO_DEPLOYMENT } });
    const deployment = wanted ?? deployments[0]!;
    if (bucket && !bucket.take().allowed) return answer(azuremlReplies.tooManyRequests(), deployment);

    if (route === 'score') {
      if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
        return answer(containerError(415, 'Content type must be application/json'), deployment);
      }
      if (request.json === undefined) return answer(containerError(400, 'Failed to parse the request body as JSON'), deployment);
      return answer(score(request.json), deployment);
    }
    const body = jsonObjectBody(request);
    if (isProblem(body)) return answer(problemReply(body), deployment);
    if (route === 'chat') {
      const problem = checkChatBody(body, { requireModel: false });
      if (problem) return answer(problemReply(problem), deployment);
      const model = typeof body.model === 'string' ? body.model : deployment;
      return answer({ status: 200, body: chatCompletionBody(body, { id: `chatcmpl-azureml-${sequence}`, model, created: 1_700_000_000 + sequence }) }, deployment);
    }
    const texts = checkEmbeddingsBody(body, { requireModel: false, maxInputs: 2048 });
    if (isProblem(texts)) return answer(problemReply(texts), deployment);
    return answer({ status: 200, body: embeddingsBody(texts, body, { model: deployment, defaultDimensions: 8 }) }, deployment);
  };
}

export async function startAzureMLFake(options: AzureMLFakeOptions = {}): Promise<AzureMLFake> {
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(azuremlHandler(options, bucket));
  return Object.assign(fake, {
    apiKey: options.apiKey ?? AZUREML_FAKE_KEY,
    scoreUrl: `${fake.url}/score`,
    chatUrl: `${fake.url}/v1/chat/completions`,
    bucket,
  });
}

/** For serve-fake: `--api-key`, `--deployments blue,green`, `--rpm`, `--latency-ms`. */
export function serveAzureMLFake(settings: FakeSettings): Promise<AzureMLFake> {
  return startAzureMLFake({
    apiKey: settings['api-key'],
    deployments: settings.deployments ? settings.deployments.split(',').map((name) => name.trim()) : undefined,
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
  });
}
