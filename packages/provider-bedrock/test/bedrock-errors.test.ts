import { afterEach, describe, expect, it } from 'vitest';
import { describeBedrockError } from '@lateral/provider-bedrock';
import { bedrockReplies, startBedrockFake, type BedrockFake, type BedrockFakeOptions } from '../../../test/fakes/bedrock-fake.js';
import { bedrockModel, bedrockRegistry, invokeFailure, type BedrockModelFixture } from './bedrock-test-kit.js';

const registry = bedrockRegistry();
let fake: BedrockFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function failure(fixture: Partial<BedrockModelFixture> = {}, options: BedrockFakeOptions = {}, now?: () => number, rows: unknown[][] = [['hello there']]) {
  fake ??= await startBedrockFake(options);
  const model = bedrockModel(registry, fake, { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', ...fixture });
  return invokeFailure(registry, model, rows, { now });
}

const SECRET = 'my-real-secret-key-that-must-never-show';
const TOKEN = 'SESSION-TOKEN-THAT-MUST-NEVER-SHOW';

describe('AWS authentication failures from the fake (403, final)', () => {
  it('a wrong secret key: InvalidSignatureException, and no secret in the message or body', async () => {
    fake = await startBedrockFake({ credentials: { accessKeyId: 'ASIAFAKEKEY', secretAccessKey: 'the-right-secret', sessionToken: TOKEN } });
    const error = await failure({ secrets: { 'aws-access-key': 'ASIAFAKEKEY', 'aws-secret-key': SECRET, 'aws-session-token': TOKEN } });
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('InvalidSignatureException');
    expect(error.message).toContain('The request signature we calculated does not match the signature you provided');
    for (const text of [error.message, error.maskedBody ?? '']) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('ASIAFAKEKEY');
    }
    // the body AWS returns quotes the canonical request, whose token header was masked
    expect(error.maskedBody).toContain('x-amz-security-token:*****');
  });

  it('temporary credentials without their session token: UnrecognizedClientException', async () => {
    fake = await startBedrockFake({ credentials: { accessKeyId: 'ASIAFAKEKEY', secretAccessKey: 'the-right-secret', sessionToken: TOKEN } });
    const error = await failure({ secrets: { 'aws-access-key': 'ASIAFAKEKEY', 'aws-secret-key': 'the-right-secret' } });
    expect(error.status).toBe(403);
    expect(error.providerCode).toBe('UnrecognizedClientException');
    expect(error.retryable).toBe(false);
  });

  it('an unknown access key: UnrecognizedClientException', async () => {
    const error = await failure({ secrets: { 'aws-access-key': 'AKIDSOMEONEELSE', 'aws-secret-key': 'whatever-secret' } });
    expect(error.providerCode).toBe('UnrecognizedClientException');
    expect(error.message).toContain('The security token included in the request is invalid.');
  });

  it('a clock 10 minutes behind the server: Signature expired', async () => {
    const error = await failure({}, {}, () => Date.now() - 10 * 60 * 1000);
    expect(error.status).toBe(403);
    expect(error.providerCode).toBe('InvalidSignatureException');
    expect(error.message).toMatch(/Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('signed for another region than the endpoint serves', async () => {
    const error = await failure({ region: 'eu-west-1' });
    expect(error.providerCode).toBe('InvalidSignatureException');
    expect(error.message).toContain("Credential should be scoped to a valid region, not 'eu-west-1'");
  });
});

describe('Bedrock service errors: retryability decided from the AWS error code', () => {
  it.each([
    ['ThrottlingException 429', bedrockReplies.throttled(), 429, 'ThrottlingException', true],
    ['ThrottlingException on a 400', bedrockReplies.throttledOn400(), 400, 'ThrottlingException', true],
    ['ServiceUnavailableException 503', bedrockReplies.serviceUnavailable(), 503, 'ServiceUnavailableException', true],
    ['ModelNotReadyException 429', bedrockReplies.modelNotReady(), 429, 'ModelNotReadyException', true],
    ['InternalServerException 500', bedrockReplies.internal(), 500, 'InternalServerException', true],
    ['ModelTimeoutException 408 (not retried, unlike a bare 408)', bedrockReplies.modelTimeout(), 408, 'ModelTimeoutException', false],
    ['ModelErrorException 424', bedrockReplies.modelError(), 424, 'ModelErrorException', false],
    ['AccessDeniedException 403', bedrockReplies.accessDenied(), 403, 'AccessDeniedException', false],
  ])('%s', async (_name, reply, status, code, retryable) => {
    fake = await startBedrockFake();
    fake.queue.push(reply);
    const error = await failure();
    expect(error.status).toBe(status);
    expect(error.providerCode).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('honours x-amz-retry-after (milliseconds) on a throttled request', async () => {
    fake = await startBedrockFake();
    fake.queue.push(bedrockReplies.throttled(250));
    const error = await failure();
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(250);
    expect(error.message).toContain('Too many requests, please wait before trying again.');
  });

  it("the fake's token bucket throttles once it is empty", async () => {
    const clock = () => 1_700_000_000_000;
    fake = await startBedrockFake({ rateLimit: { requestsPerMinute: 1 }, now: clock });
    const model = bedrockModel(registry, fake, { modelId: 'amazon.titan-text-express-v1' });
    const { invoke } = await import('./bedrock-test-kit.js');
    await invoke(registry, model, [['first']], { now: clock });
    const error = await invokeFailure(registry, model, [['second']], { now: clock });
    expect(error.status).toBe(429);
    expect(error.providerCode).toBe('ThrottlingException');
    expect(error.retryable).toBe(true);
  });

  it('ModelErrorException: the model status is in the message', async () => {
    fake = await startBedrockFake();
    fake.queue.push(bedrockReplies.modelError());
    const error = await failure();
    expect(error.message).toContain('Received a model error. (model status 500)');
  });

  it('an invalid model id: ValidationException, final', async () => {
    const error = await failure({ modelId: 'anthropic.claude-unknown-v9', endpoint: undefined, inputFormat: 'ANTHROPIC-MESSAGES' }, { models: ['anthropic.claude-3-haiku-20240307-v1:0'] });
    expect(error.status).toBe(400);
    expect(error.providerCode).toBe('ValidationException');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('The provided model identifier is invalid.');
  });

  it('masks the input text out of error messages', async () => {
    fake = await startBedrockFake();
    fake.queue.push({ status: 400, headers: { 'x-amzn-errortype': 'ValidationException' }, body: { message: 'Input is too long: my private prompt text' } });
    const error = await failure({}, {}, undefined, [['my private prompt text']]);
    expect(error.message).not.toContain('my private prompt text');
    expect(error.message).toContain('Input is too long');
  });
});

describe('describeBedrockError (restJson1 reading)', () => {
  it('takes the code before `:` of x-amzn-ErrorType and the message from `message`', () => {
    expect(
      describeBedrockError(429, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' }, '{"message":"slow down"}'),
    ).toEqual({ code: 'ThrottlingException', message: 'slow down', retryable: true });
  });

  it('falls back to the body `__type` after `#`, and `Message`', () => {
    expect(describeBedrockError(400, {}, '{"__type":"com.amazon.coral.validate#ValidationException","Message":"bad"}')).toEqual({
      code: 'ValidationException',
      message: 'bad',
      retryable: false,
    });
  });

  it('leaves unknown codes and non-JSON bodies to the status rule', () => {
    expect(describeBedrockError(502, {}, '<html>Bad Gateway</html>')).toEqual({ code: undefined, message: undefined, retryable: undefined });
    expect(describeBedrockError(400, { 'x-amzn-errortype': 'SomethingNewException' }, '{}').retryable).toBeUndefined();
  });
});
