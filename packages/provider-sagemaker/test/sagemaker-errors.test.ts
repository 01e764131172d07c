import { afterEach, describe, expect, it } from 'vitest';
import { describeSageMakerError } from '@lateral/provider-sagemaker';
import { sagemakerReplies, startSageMakerFake, type SageMakerFake, type SageMakerFakeOptions } from '../../../test/fakes/sagemaker-fake.js';
import { STRING, column, invokeFailure, sagemakerModel, sagemakerRegistry, type SageMakerModelFixture } from './sagemaker-test-kit.js';

const registry = sagemakerRegistry();
let fake: SageMakerFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function failure(rows: unknown[][] = [[1, 2, 3]], fixture: SageMakerModelFixture = {}, options: SageMakerFakeOptions = {}) {
  fake ??= await startSageMakerFake(options);
  return invokeFailure(registry, sagemakerModel(registry, fake, fixture), rows);
}

describe('sagemaker errors', () => {
  it('a container error is a 424 ModelError, final, with the original status and log stream in the message', async () => {
    const error = await failure([['apple', 'banana']], { input: [column('a', STRING), column('b', STRING)] });
    expect(error.status).toBe(424);
    expect(error.providerCode).toBe('ModelError');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('(ModelError): model container answered 400: could not convert string to float');
    expect(error.message).toContain('(log stream arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/my-endpoint)');
    expect(error.maskedBody).toContain('Received client error (400) from primary');
    // the row's text values (four characters or more) are masked out of what is kept
    expect(error.message).toContain("could not convert string to float: '*****'");
    expect(error.message).not.toContain('apple');
  });

  it('an unknown endpoint: 400 ValidationError, final', async () => {
    const error = await failure(undefined, { endpointName: 'missing' }, { endpoints: ['my-endpoint'] });
    expect(error.status).toBe(400);
    expect(error.providerCode).toBe('ValidationError');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Endpoint missing of account 123456789012 not found.');
  });

  it('an unknown production variant: 400 ValidationError', async () => {
    const error = await failure(undefined, { providerOptions: { target_variant: 'blue' } });
    expect(error.providerCode).toBe('ValidationError');
    expect(error.message).toContain('Variant blue not found');
  });

  it.each([
    ['ModelNotReadyException 429', sagemakerReplies.modelNotReady(), 429, 'ModelNotReadyException', true],
    ['ServiceUnavailable 503', sagemakerReplies.serviceUnavailable(), 503, 'ServiceUnavailable', true],
    ['InternalFailure 500', sagemakerReplies.internalFailure(), 500, 'InternalFailure', true],
    ['ThrottlingException on a 400', sagemakerReplies.throttled(), 400, 'ThrottlingException', true],
    ['InternalDependencyException 530', sagemakerReplies.internalDependency(), 530, 'InternalDependencyException', false],
    ['ModelError 424', sagemakerReplies.modelError(), 424, 'ModelError', false],
  ])('%s', async (_name, reply, status, code, retryable) => {
    fake = await startSageMakerFake();
    fake.queue.push(reply);
    const error = await failure();
    expect(error.status).toBe(status);
    expect(error.providerCode).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it("the fake's rate limit throttles with AWS's ThrottlingException, which is retried", async () => {
    const clock = () => 1_700_000_000_000;
    fake = await startSageMakerFake({ rateLimit: { requestsPerMinute: 1 }, now: clock });
    const model = sagemakerModel(registry, fake);
    const { invoke } = await import('./sagemaker-test-kit.js');
    await invoke(registry, model, [[1, 1, 1]], { now: clock });
    const first = fake.requests.length;
    const error = await invokeFailure(registry, model, [[1, 1, 1]], { now: clock });
    expect(fake.requests.length).toBe(first + 1);
    expect(error.providerCode).toBe('ThrottlingException');
    expect(error.retryable).toBe(true);
  });

  it('a wrong secret: 403 InvalidSignatureException, final, no secret in the message', async () => {
    fake = await startSageMakerFake();
    const secret = 'definitely-not-the-secret-0042';
    const error = await failure(undefined, { secrets: { 'aws-access-key': fake.credentials.accessKeyId, 'aws-secret-key': secret } });
    expect(error.status).toBe(403);
    expect(error.providerCode).toBe('InvalidSignatureException');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain(secret);
    expect(error.maskedBody ?? '').not.toContain(fake.credentials.accessKeyId);
  });
});

describe('describeSageMakerError', () => {
  it('reads `Message` (capital M) and the ModelError details', () => {
    const info = describeSageMakerError(
      424,
      { 'x-amzn-errortype': 'ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/' },
      JSON.stringify({ Message: 'Received server error (500) from primary', OriginalStatusCode: 500, OriginalMessage: 'boom', LogStreamArn: 'arn:aws:logs:x' }),
    );
    expect(info).toEqual({ code: 'ModelError', message: 'model container answered 500: boom (log stream arn:aws:logs:x)', retryable: false });
    expect(describeSageMakerError(400, { 'x-amzn-errortype': 'ValidationError' }, '{"Message":"Endpoint e not found."}')).toEqual({
      code: 'ValidationError',
      message: 'Endpoint e not found.',
      retryable: false,
    });
  });
});
