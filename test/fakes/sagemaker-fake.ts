import { verifySigV4, type AwsFakeCredentials } from './aws-sigv4-verify.js';
import { deterministicEmbedding, sentimentLabel } from './fake-content.js';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './fake-rate-limit.js';
import { startHttpFake, type FakeHandler, type FakeReply, type HttpFake, type RecordedRequest } from './http-fake.js';
import type { FakeSettings } from './registry.js';

/**
 * AWS SageMaker runtime InvokeEndpoint (provider-protocols §8): SigV4 verified for real (service
 * `sagemaker`), errors as `x-amzn-ErrorType` + `{"Message"}`, and a model container behind each
 * endpoint that speaks CSV (one prediction line per input line) and a few JSON shapes. The
 * prediction is a deterministic function of the numeric features, so tests can check that every
 * column of every row arrived in order: score = Σ (i+1)·xᵢ, rounded to 6 decimals.
 */

export const SAGEMAKER_FAKE_CREDENTIALS: AwsFakeCredentials = {
  accessKeyId: 'AKIDLATERALSAGEMAKERFAKE',
  secretAccessKey: 'lateral/sagemaker/fake/secret/key/0123456789',
};

const ACCOUNT = '123456789012';

export interface SageMakerFakeOptions {
  credentials?: AwsFakeCredentials;
  /** The region requests must be signed for (default `us-east-1`). */
  region?: string;
  now?: () => number;
  /** Endpoint names that exist; any well-formed name when unset. */
  endpoints?: readonly string[];
  /** Production variants (default `AllTraffic`); `X-Amzn-SageMaker-Target-Variant` must name one. */
  variants?: readonly string[];
  /** CSV answers carry this many columns per line: score, 2·score, … (default 1). */
  outputColumns?: number;
  /**
   * A container that reads one record per request, as many user containers do: only the first CSV
   * line is scored (the rest are ignored, as a `pd.read_csv(..., nrows=1)` handler would).
   */
  singleRecord?: boolean;
  /** Token bucket; empty → 400 ThrottlingException "Rate exceeded" (AWS's JSON-protocol throttling). */
  rateLimit?: RateLimitOptions;
  latencyMs?: number;
}

export interface SageMakerFake extends HttpFake {
  credentials: AwsFakeCredentials;
  region: string;
  bucket?: TokenBucket;
  /** `<url>/endpoints/<name>/invocations` */
  invocationsUrl(endpointName: string): string;
}

export function sagemakerErrorReply(status: number, errorType: string, message: string, extra: Record<string, unknown> = {}): FakeReply {
  return {
    status,
    headers: { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/`, 'x-amzn-requestid': 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' },
    body: { Message: message, ...extra },
  };
}

/** The 424 SageMaker sends when the container answered non-2xx. */
export function modelErrorReply(endpointName: string, region: string, originalStatus: number, originalMessage: string): FakeReply {
  const group = `/aws/sagemaker/Endpoints/${endpointName}`;
  return sagemakerErrorReply(
    424,
    'ModelError',
    `Received ${originalStatus < 500 ? 'client' : 'server'} error (${originalStatus}) from primary with message "${originalMessage}". ` +
      `See https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${group} in account ${ACCOUNT} for more information.`,
    {
      ErrorCode: originalStatus < 500 ? 'CLIENT_ERROR_FROM_MODEL' : 'SERVER_ERROR_FROM_MODEL',
      LogStreamArn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${group}`,
      OriginalMessage: originalMessage,
      OriginalStatusCode: originalStatus,
    },
  );
}

/** Scripted replies for the `queue`, in SageMaker's shapes. */
export const sagemakerReplies = {
  modelNotReady: (): FakeReply => sagemakerErrorReply(429, 'ModelNotReadyException', 'Model for endpoint my-endpoint variant AllTraffic is not ready. Try again later.'),
  serviceUnavailable: (): FakeReply => sagemakerErrorReply(503, 'ServiceUnavailable', 'The service is unavailable. Try your call again.'),
  internalFailure: (): FakeReply => sagemakerErrorReply(500, 'InternalFailure', 'An internal failure occurred.'),
  internalDependency: (): FakeReply => sagemakerErrorReply(530, 'InternalDependencyException', 'Your request caused an exception with an internal dependency.'),
  throttled: (): FakeReply => sagemakerErrorReply(400, 'ThrottlingException', 'Rate exceeded'),
  modelError: (originalStatus = 500, message = 'worker died'): FakeReply => modelErrorReply('my-endpoint', 'us-east-1', originalStatus, message),
};

/** Σ (i+1)·xᵢ over the features, rounded to 6 decimals. */
export function featureScore(features: readonly number[]): number {
  return Math.round(features.reduce((sum, value, index) => sum + (index + 1) * value, 0) * 1e6) / 1e6;
}

/** One CSV line → fields (double quotes with `""` escapes, as RFC 4180 writes them). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}

/** What the container answers: a body and its content type, or the status and message it fails with. */
type ContainerResult = { body: string | unknown; contentType: string } | { status: number; message: string };

function numbersOf(values: readonly unknown[]): number[] | string {
  const numbers: number[] = [];
  for (const value of values) {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) return `could not convert string to float: '${String(value)}'`;
    numbers.push(number);
  }
  return numbers;
}

function csvContainer(text: string, outputColumns: number, singleRecord = false): ContainerResult {
  const all = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const lines = singleRecord ? all.slice(0, 1) : all;
  if (lines.length === 0) return { status: 400, message: 'Empty payload' };
  const out: string[] = [];
  for (const line of lines) {
    const numbers = numbersOf(splitCsvLine(line));
    if (typeof numbers === 'string') return { status: 400, message: numbers };
    const score = featureScore(numbers);
    out.push(Array.from({ length: outputColumns }, (_, column) => String(Math.round(score * (column + 1) * 1e6) / 1e6)).join(','));
  }
  return { body: `${out.join('\n')}\n`, contentType: 'text/csv' };
}

/**
 * JSON shapes the fake's containers understand: `[x1, x2, …]` (JSON-ARRAY) → `[score]`;
 * `{"instances": […]}` (TF-Serving) → `{"predictions": [score, …]}`; `{"inputs": "text"}` (Hugging
 * Face TGI) → `[{"generated_text": label}]`; `{"inputs": ["a", "b"]}` (HF embeddings) → vectors;
 * any other object of named features (JSON) → `{"score": score}`.
 */
function jsonContainer(json: unknown): ContainerResult {
  if (Array.isArray(json)) {
    const numbers = numbersOf(json.flat());
    return typeof numbers === 'string' ? { status: 400, message: numbers } : { body: [featureScore(numbers)], contentType: 'application/json' };
  }
  if (typeof json !== 'object' || json === null) return { status: 400, message: 'Expecting value: line 1 column 1 (char 0)' };
  const object = json as Record<string, unknown>;
  if (Array.isArray(object.instances)) {
    const predictions: number[] = [];
    for (const instance of object.instances) {
      const values = Array.isArray(instance) ? instance : typeof instance === 'object' && instance !== null ? Object.values(instance) : [instance];
      const numbers = numbersOf(values.flat());
      if (typeof numbers === 'string') return { status: 400, message: numbers };
      predictions.push(featureScore(numbers));
    }
    return { body: { predictions }, contentType: 'application/json' };
  }
  if (typeof object.inputs === 'string') return { body: [{ generated_text: sentimentLabel(object.inputs) }], contentType: 'application/json' };
  if (Array.isArray(object.inputs) && object.inputs.every((item) => typeof item === 'string')) {
    return { body: (object.inputs as string[]).map((text) => deterministicEmbedding(text, 8)), contentType: 'application/json' };
  }
  const numbers = numbersOf(Object.values(object).flat());
  return typeof numbers === 'string' ? { status: 400, message: numbers } : { body: { score: featureScore(numbers) }, contentType: 'application/json' };
}

function accepts(accept: string | undefined, contentType: string): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === contentType || type === `${contentType.split('/')[0]}/*`;
  });
}

const INVOCATIONS = /^\/endpoints\/([^/]+)\/invocations$/;
const NAME_63 = /^[a-zA-Z0-9](?:-*[a-zA-Z0-9])*$/;

export function sagemakerHandler(options: SageMakerFakeOptions = {}, bucket?: TokenBucket): FakeHandler {
  const credentials = options.credentials ?? SAGEMAKER_FAKE_CREDENTIALS;
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const variants = options.variants ?? ['AllTraffic'];
  const latency = (reply: FakeReply): FakeReply => (options.latencyMs ? { ...reply, delayMs: (reply.delayMs ?? 0) + options.latencyMs } : reply);
  const validation = (message: string): FakeReply => latency(sagemakerErrorReply(400, 'ValidationError', message));

  return (request: RecordedRequest): FakeReply => {
    const verdict = verifySigV4({ method: request.method, rawUrl: request.url, headers: request.headers, body: request.body }, { credentials, region, service: 'sagemaker', now: now() });
    if (!verdict.ok) return latency(sagemakerErrorReply(verdict.status, verdict.errorType, verdict.message));
    const rawPath = request.url.split('?')[0]!;
    const route = INVOCATIONS.exec(rawPath);
    if (!route || request.method !== 'POST') return latency(sagemakerErrorReply(404, 'UnknownOperationException', `Unknown operation ${request.method} ${rawPath}`));
    if (bucket && !bucket.take().allowed) return latency(sagemakerReplies.throttled());
    const name = decodeURIComponent(route[1]!);
    if (!NAME_63.test(name) || name.length > 63) {
      return validation(`1 validation error detected: Value '${name}' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*`);
    }
    if (options.endpoints && !options.endpoints.includes(name)) return validation(`Endpoint ${name} of account ${ACCOUNT} not found.`);

    const headers = request.headers;
    const attributes = headers['x-amzn-sagemaker-custom-attributes'];
    if (attributes !== undefined && (attributes.length > 1024 || !/^[\x20-\x7e]*$/.test(attributes))) {
      return validation("1 validation error detected: Value at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 1024");
    }
    const inferenceId = headers['x-amzn-sagemaker-inference-id'];
    if (inferenceId !== undefined && (inferenceId.length < 1 || inferenceId.length > 64)) {
      return validation("1 validation error detected: Value at 'inferenceId' failed to satisfy constraint: Member must have length less than or equal to 64");
    }
    const variant = headers['x-amzn-sagemaker-target-variant'];
    if (variant !== undefined && !variants.includes(variant)) return validation(`Variant ${variant} not found for endpoint ${name}.`);
    const component = headers['x-amzn-sagemaker-inference-component'];
    if (component !== undefined && (!NAME_63.test(component) || component.length > 63)) {
      return validation(`Inference Component ${component} not found for endpoint ${name}.`);
    }

    const contentType = (headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    const text = request.body.toString('utf8');
    let result: ContainerResult;
    if (contentType === 'text/csv') result = csvContainer(text, options.outputColumns ?? 1, options.singleRecord);
    else if (contentType === 'application/json') result = request.json === undefined ? { status: 400, message: 'Expecting value: line 1 column 1 (char 0)' } : jsonContainer(request.json);
    else result = { status: 415, message: `Content type ${contentType} is not supported by this model` };
    if ('status' in result) return latency(modelErrorReply(name, region, result.status, result.message));
    if (!accepts(headers.accept, result.contentType)) return latency(modelErrorReply(name, region, 406, `Accept type ${headers.accept} is not supported by this model`));

    return latency({
      status: 200,
      headers: {
        'content-type': result.contentType,
        'x-amzn-invoked-production-variant': variant ?? variants[0]!,
        ...(attributes !== undefined ? { 'x-amzn-sagemaker-custom-attributes': attributes } : {}),
      },
      body: result.body,
    });
  };
}

export async function startSageMakerFake(options: SageMakerFakeOptions = {}): Promise<SageMakerFake> {
  const bucket = options.rateLimit ? createTokenBucket({ now: options.now, ...options.rateLimit }) : undefined;
  const fake = await startHttpFake(sagemakerHandler(options, bucket));
  return Object.assign(fake, {
    credentials: options.credentials ?? SAGEMAKER_FAKE_CREDENTIALS,
    region: options.region ?? 'us-east-1',
    bucket,
    invocationsUrl: (endpointName: string) => `${fake.url}/endpoints/${endpointName}/invocations`,
  });
}

/** For serve-fake: `--access-key`, `--secret-key`, `--session-token`, `--region`, `--rpm`, `--latency-ms`, `--output-columns`. */
export function serveSageMakerFake(settings: FakeSettings): Promise<SageMakerFake> {
  return startSageMakerFake({
    credentials: settings['access-key'] && settings['secret-key']
      ? { accessKeyId: settings['access-key'], secretAccessKey: settings['secret-key'], sessionToken: settings['session-token'] }
      : SAGEMAKER_FAKE_CREDENTIALS,
    region: settings.region,
    rateLimit: settings.rpm ? { requestsPerMinute: Number(settings.rpm) } : undefined,
    latencyMs: settings['latency-ms'] ? Number(settings['latency-ms']) : undefined,
    outputColumns: settings['output-columns'] ? Number(settings['output-columns']) : undefined,
  });
}
