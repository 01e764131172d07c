import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import {
  checkChatBody,
  checkEmbeddingsBody,
  chatCompletionBody,
  embeddingsBody,
  isProblem,
  jsonObjectBody,
  lastUserText,
  problemReply,
  withLatency,
} from './openai-protocol.js';
import type { FakeSettings } from './registry.js';

/** The key the fake accepts unless told otherwise. */
export const AZURE_OPENAI_FAKE_KEY = 'azure-test-key-0123456789abcdef';
export const AZURE_OPENAI_FAKE_API_VERSION = '2024-10-21';

export interface AzureOpenAIFakeOptions {
  /** The only key accepted in the `api-key` header. */
  apiKey?: string;
  /** Deployment name → model it serves. When set, other deployments answer 404 DeploymentNotFound. */
  deployments?: Record<string, string>;
  /** Accepted `api-version` values; default: any `YYYY-MM-DD` or `YYYY-MM-DD-preview`. */
  apiVersions?: readonly string[];
  /** Inputs per embeddings request: 2048 today; 16 on old deployments (default 2048). */
  maxEmbeddingInputs?: number;
  /** Prompts containing one of these words are refused with a 400 `content_filter` error. */
  contentFilterWords?: readonly string[];
  embeddingDimensions?: number;
  /** Token bucket; 429s carry `retry-after` (seconds) and `retry-after-ms` unless `retryAfter` is false. */
  rateLimit?: RateLimitOptions;
  latencyMs?: number;
}

export interface AzureOpenAIFake extends HttpFake {
  apiKey: string;
  /** `<url>/openai/deployments/<deployment>/chat/completions?api-version=...` */
  chatUrl(deployment: string, apiVersion?: string): string;
  /** `<url>/openai/deployments/<deployment>/embeddings?api-version=...` */
  embeddingsUrl(deployment: string, apiVersion?: string): string;
  bucket?: TokenBucket;
}

const azureError = (status: number, code: string, message: string): FakeReply => ({ status, body: { error: { code, message } } });

/** Scripted replies for the `queue`, in Azure's shapes. */
export const azureOpenAIReplies = {
  rateLimited: (options: { retryAfterSeconds?: number; retryAfterHeaders?: boolean; operation?: string; apiVersion?: string } = {}): FakeReply => {
    const seconds = options.retryAfterSeconds ?? 6;
    return {
      ...azureError(
        429,
        '429',
        `Requests to the ${options.operation ?? 'ChatCompletions_Create'} Operation under Azure OpenAI API version ${options.apiVersion ?? AZURE_OPENAI_FAKE_API_VERSION} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after ${seconds} seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
      ),
      headers: {
        ...(options.retryAfterHeaders === false ? {} : { 'retry-after': String(seconds), 'retry-after-ms': String(seconds * 1000) }),
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-remaining-tokens': '0',
      },
    };
  },
  serviceUnavailable: (): FakeReply => azureError(503, 'ServiceUnavailable', 'The service is temporarily unable to process your request. Please try again later.'),
};

const API_VERSION_SHAPE = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/** Azure OpenAI's deployment-scoped data plane: `api-key`, `?api-version=`, OpenAI bodies. */
export function azureOpenAIHandler(options: AzureOpenAIFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const apiKey = options.apiKey ?? AZURE_OPENAI_FAKE_KEY;
  let sequence = 0;

  return (request: RecordedRequest): FakeReply => {
    sequence += 1;
    const common = { 'apim-request-id': `fake-${sequence}`, 'x-ms-region': 'East US' };
    const send = (reply: FakeReply): FakeReply => withLatency({ ...reply, headers: { ...common, ...reply.headers } }, options.latencyMs);

    const route = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/.exec(request.path);
    const apiVersion = request.query.get('api-version');
    // Azure answers an unknown path and a missing api-version alike: 404 "Resource not found"
    if (!route || apiVersion === null) return send(azureError(404, '404', 'Resource not found'));
    if (options.apiVersions ? !options.apiVersions.includes(apiVersion) : !API_VERSION_SHAPE.test(apiVersion)) {
      return send(azureError(400, 'BadRequest', 'API version not supported'));
    }
    const key = request.headers['api-key'];
    if (key !== apiKey) {
      return send(
        azureError(
          401,
          '401',
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        ),
      );
    }
    const deployment = decodeURIComponent(route[1]!);
    const servedModel = options.deployments ? options.deployments[deployment] : deployment;
    if (servedModel === undefined) {
      return send(
        azureError(
          404,
          'DeploymentNotFound',
          'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
        ),
      );
    }
    if (request.method !== 'POST') return send(azureError(405, '405', 'Method not allowed'));

    const operation = route[2] === 'embeddings' ? 'Embeddings_Create' : 'ChatCompletions_Create';
    const decision = bucket?.take();
    if (decision && !decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.resetMs / 1000));
      return send(azureOpenAIReplies.rateLimited({ retryAfterSeconds: seconds, retryAfterHeaders: options.rateLimit?.retryAfter !== false, operation, apiVersion }));
    }
    const rateHeaders = { 'x-ratelimit-remaining-requests': String(decision?.remaining ?? 999), 'x-ratelimit-remaining-tokens': '99000' };

    const body = jsonObjectBody(request);
    if (isProblem(body)) return send(problemReply(body));

    if (route[2] === 'chat/completions') {
      const issue = checkChatBody(body, { requireModel: false });
      if (issue) return send(problemReply(issue));
      const prompt = lastUserText(body).toLowerCase();
      if (options.contentFilterWords?.some((word) => prompt.includes(word.toLowerCase()))) return send(contentFilterReply());
      const filters = { hate: { filtered: false, severity: 'safe' }, self_harm: { filtered: false, severity: 'safe' }, sexual: { filtered: false, severity: 'safe' }, violence: { filtered: false, severity: 'safe' } };
      return send({
        status: 200,
        headers: rateHeaders,
        body: chatCompletionBody(body, {
          id: `chatcmpl-azure${sequence}`,
          model: servedModel,
          created: 1_700_000_000 + sequence,
          extras: { prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }] },
          choiceExtras: { content_filter_results: filters },
        }),
      });
    }
    const maxInputs = options.maxEmbeddingInputs ?? 2048;
    const texts = checkEmbeddingsBody(body, {
      requireModel: false,
      maxInputs,
      tooManyInputsMessage: (max) =>
        `Too many inputs. The max number of inputs is ${max}.  We hope to increase the number of inputs per request soon. Please contact us through an Azure support request at: https://go.microsoft.com/fwlink/?linkid=2213926 for further questions.`,
    });
    if (isProblem(texts)) return send(problemReply(texts));
    return send({ status: 200, headers: rateHeaders, body: embeddingsBody(texts, body, { model: servedModel, defaultDimensions: options.embeddingDimensions ?? 8 }) });
  };
}

function contentFilterReply(): FakeReply {
  return {
    status: 400,
    body: {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: { hate: { filtered: true, severity: 'high' } },
        },
      },
    },
  };
}

export async function startAzureOpenAIFake(options: AzureOpenAIFakeOptions = {}): Promise<AzureOpenAIFake> {
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit) : undefined;
  const fake = await startHttpFake(azureOpenAIHandler(options, bucket));
  const url = (deployment: string, operation: string, apiVersion = AZURE_OPENAI_FAKE_API_VERSION) =>
    `${fake.url}/openai/deployments/${encodeURIComponent(deployment)}/${operation}?api-version=${apiVersion}`;
  return Object.assign(fake, {
    apiKey: options.apiKey ?? AZURE_OPENAI_FAKE_KEY,
    chatUrl: (deployment: string, apiVersion?: string) => url(deployment, 'chat/completions', apiVersion),
    embeddingsUrl: (deployment: string, apiVersion?: string) => url(deployment, 'embeddings', apiVersion),
    bucket,
  });
}

/** For serve-fake: `--api-key`, `--rpm`, `--latency-ms`, `--dimensions`, `--max-embedding-inputs`. */
export function serveAzureOpenAIFake(settings: FakeSettings): Promise<AzureOpenAIFake> {
  return startAzureOpenAIFake({
    apiKey: settings['api-key'],
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    embeddingDimensions: settings.dimensions ? Number(settings.dimensions) : undefined,
    maxEmbeddingInputs: settings['max-embedding-inputs'] ? Number(settings['max-embedding-inputs']) : undefined,
  });
}
