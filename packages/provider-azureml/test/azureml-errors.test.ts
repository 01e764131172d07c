import { afterEach, describe, expect, it } from 'vitest';
import { describeAzureMLError } from '@lateral/provider-azureml';
import { azuremlReplies, startAzureMLFake, type AzureMLFake, type AzureMLFakeOptions } from '../../../test/fakes/azureml-fake.js';
import { azuremlModel, azuremlRegistry, invokeFailure } from './azureml-test-kit.js';

const registry = azuremlRegistry();
let fake: AzureMLFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function failure(options: AzureMLFakeOptions = {}, apiKey?: string, providerOptions: Record<string, string> = {}) {
  fake ??= await startAzureMLFake(options);
  return invokeFailure(registry, azuremlModel(registry, { endpoint: fake.scoreUrl, apiKey: apiKey ?? fake.apiKey, providerOptions }), [[1, 2]]);
}

describe('azureml errors (provider-protocols §9.4)', () => {
  it('a wrong key: 401, final, never echoed', async () => {
    const key = 'wrong-endpoint-key-7777777';
    const error = await failure({}, key);
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('key_auth_access_denied');
    expect(error.message).not.toContain(key);
  });

  it('a deployment the endpoint does not have: 404, final', async () => {
    const error = await failure({}, undefined, { deployment_name: 'purple' });
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('No valid deployments to route to');
  });

  it.each([
    ['429 too many pending requests: retryable', azuremlReplies.tooManyRequests(), 429, true],
    ['503 while scaling: retryable', azuremlReplies.serviceUnavailable(), 503, true],
    ['408 model ran past request_timeout_ms: final', azuremlReplies.requestTimeout(), 408, false],
    ['424 container error: final', azuremlReplies.modelError(500, 'model_error'), 424, false],
  ])('%s', async (_name, reply, status, retryable) => {
    fake = await startAzureMLFake();
    fake.queue.push(reply);
    const error = await failure();
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(retryable);
  });

  it('the fake token bucket answers 429 once empty', async () => {
    const clock = () => 1_700_000_000_000;
    fake = await startAzureMLFake({ rateLimit: { requestsPerMinute: 1, now: clock } });
    const { invoke } = await import('./azureml-test-kit.js');
    const model = azuremlModel(registry, { endpoint: fake.scoreUrl, apiKey: fake.apiKey });
    await invoke(registry, model, [[1, 1]]);
    const error = await invokeFailure(registry, model, [[1, 1]]);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
  });

  it('a malformed frame: the container refuses it, 424 with its status and reason', async () => {
    fake = await startAzureMLFake();
    const error = await invokeFailure(
      registry,
      { ...azuremlModel(registry, { endpoint: fake.scoreUrl, apiKey: fake.apiKey }), inputFormat: { id: 'JSON' }, outputFormat: { id: 'JSON' } },
      [[1, 2]],
    );
    expect(error.status).toBe(424);
    expect(error.providerCode).toBe('ModelError');
    expect(error.message).toContain("model container answered 400 (model_error): Request must contain a top level key named 'input_data'");
  });
});

describe('describeAzureMLError', () => {
  it.each([
    [429, {}, '{"error":{"code":"TooManyRequests","message":"slow"}}', { code: 'TooManyRequests', message: 'slow', retryable: undefined }],
    [401, {}, 'key_auth_access_denied', { code: undefined, message: 'key_auth_access_denied', retryable: undefined }],
    [408, {}, '', { code: undefined, message: undefined, retryable: false }],
    [
      424,
      { 'ms-azureml-model-error-statuscode': '500', 'ms-azureml-model-error-reason': 'model_error' },
      '{"message":"boom"}',
      { code: 'ModelError', message: 'model container answered 500 (model_error): boom', retryable: undefined },
    ],
  ])('%i %j %s', (status, headers, body, expected) => {
    expect(describeAzureMLError(status, headers as Record<string, string>, body)).toEqual(expected);
  });
});
