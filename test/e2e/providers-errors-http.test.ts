import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicFake, type AnthropicFake } from '../fakes/anthropic-fake.js';
import { startAzureOpenAIFake, type AzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { BEDROCK_FAKE_CREDENTIALS, startBedrockFake, type BedrockFake } from '../fakes/bedrock-fake.js';
import { startGoogleAIFake, type GoogleAIFake } from '../fakes/googleai-fake.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { SAGEMAKER_FAKE_CREDENTIALS, startSageMakerFake, type SageMakerFake } from '../fakes/sagemaker-fake.js';
import { startVertexAIFake, type VertexAIFake } from '../fakes/vertexai-fake.js';
import { expectFailure, expectNoSecrets, lateral, newDataDir, positionOf } from './fixtures/cli-kit.js';

/**
 * Provider error bodies through the CLI, one per protocol family (OpenAI, Azure OpenAI,
 * Anthropic, AWS Bedrock and SageMaker, Google AI and Vertex): the fake refuses the request the way
 * the real service does, and the CLI reports LATERAL_ERR_PROVIDER_HTTP with the status, the
 * provider's own error code and message, the call's line and column, a non-zero exit — and never
 * a secret.
 */
let openai: OpenAIFake;
let azure: AzureOpenAIFake;
let anthropic: AnthropicFake;
let bedrock: BedrockFake;
let sagemaker: SageMakerFake;
let googleai: GoogleAIFake;
let vertex: VertexAIFake;

beforeAll(async () => {
  [openai, azure, anthropic, bedrock, sagemaker, googleai, vertex] = await Promise.all([
    startOpenAIFake(),
    startAzureOpenAIFake({ contentFilterWords: ['forbidden'] }),
    startAnthropicFake(),
    startBedrockFake(),
    startSageMakerFake(),
    startGoogleAIFake(),
    startVertexAIFake(),
  ]);
});
afterAll(() => Promise.all([openai, azure, anthropic, bedrock, sagemaker, googleai, vertex].map((fake) => fake.close())));

/** 64 characters of the service key's private key: enough to recognise a leak. */
function privateKeyPart(serviceKey: string): string {
  const { private_key: pem } = JSON.parse(serviceKey) as { private_key: string };
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '').slice(0, 64);
}

interface HttpCase {
  family: string;
  /** The CONNECTION and MODEL statements for model `m`, and the secrets they carry. */
  setup: () => { sql: string; secrets: string[] };
  /** The input value given to the model. */
  input?: string;
  says: string[];
}

const CASES: HttpCase[] = [
  {
    family: 'OpenAI (400 invalid_request_error)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${openai.chatUrl}', 'api-key' = '${openai.apiKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c', 'openai.params.temperature' = '3');`,
      secrets: [openai.apiKey],
    }),
    says: ['400', 'decimal_above_max_value', "Invalid 'temperature'"],
  },
  {
    family: 'Azure OpenAI (400 content_filter)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'azureopenai', 'endpoint' = '${azure.chatUrl('gpt-4o-mini')}', 'api-key' = '${azure.apiKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'azureopenai', 'task' = 'classification', 'azureopenai.connection' = 'c');`,
      secrets: [azure.apiKey],
    }),
    input: 'this is forbidden text',
    says: ['400', 'content_filter', 'content management policy'],
  },
  {
    family: 'Anthropic (400 invalid_request_error)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'anthropic', 'endpoint' = '${anthropic.messagesUrl}', 'api-key' = '${anthropic.apiKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'anthropic', 'task' = 'classification', 'anthropic.connection' = 'c',
        'anthropic.model_version' = 'claude-3-5-haiku-latest', 'anthropic.params.temperature' = '1.5');`,
      secrets: [anthropic.apiKey],
    }),
    says: ['400', 'invalid_request_error', 'temperature: Input should be less than or equal to 1'],
  },
  {
    family: 'AWS Bedrock (400 ValidationException)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = '${bedrock.invokeUrl('amazon.titan-text-express-v1')}', 'region' = 'us-east-1',
  'aws-access-key' = '${BEDROCK_FAKE_CREDENTIALS.accessKeyId}', 'aws-secret-key' = '${BEDROCK_FAKE_CREDENTIALS.secretAccessKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'bedrock', 'task' = 'classification', 'bedrock.connection' = 'c', 'bedrock.params.temperature' = '1.5');`,
      secrets: [BEDROCK_FAKE_CREDENTIALS.secretAccessKey],
    }),
    says: ['400', 'ValidationException', 'Malformed input request'],
  },
  {
    family: 'AWS Bedrock (403 InvalidSignatureException: a wrong secret key)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'bedrock', 'endpoint' = '${bedrock.invokeUrl('amazon.titan-text-express-v1')}', 'region' = 'us-east-1',
  'aws-access-key' = '${BEDROCK_FAKE_CREDENTIALS.accessKeyId}', 'aws-secret-key' = 'wrong/secret/key/e2e/0123456789abcdef');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'bedrock', 'task' = 'classification', 'bedrock.connection' = 'c');`,
      secrets: ['wrong/secret/key/e2e/0123456789abcdef', BEDROCK_FAKE_CREDENTIALS.secretAccessKey],
    }),
    says: ['403', 'InvalidSignatureException', 'signature'],
  },
  {
    family: 'AWS SageMaker (424 ModelError from the container)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'sagemaker', 'endpoint' = '${sagemaker.invocationsUrl('churn')}', 'region' = 'us-east-1',
  'aws-access-key' = '${SAGEMAKER_FAKE_CREDENTIALS.accessKeyId}', 'aws-secret-key' = '${SAGEMAKER_FAKE_CREDENTIALS.secretAccessKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'sagemaker', 'task' = 'classification', 'sagemaker.connection' = 'c');`,
      secrets: [SAGEMAKER_FAKE_CREDENTIALS.secretAccessKey],
    }),
    input: 'not-a-number',
    says: ['424', 'ModelError', 'could not convert string to float'],
  },
  {
    family: 'Google AI (400 INVALID_ARGUMENT: a key the service refuses)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'googleai', 'endpoint' = '${googleai.endpoint('gemini-2.5-flash')}', 'api-key' = 'AIzaSy-e2e-refused-key-0123456789');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'googleai', 'task' = 'classification', 'googleai.connection' = 'c');`,
      secrets: ['AIzaSy-e2e-refused-key-0123456789', googleai.apiKey],
    }),
    says: ['400', 'INVALID_ARGUMENT', 'API key not valid'],
  },
  {
    family: 'Vertex AI (400 INVALID_ARGUMENT: a field Gemini does not know)',
    setup: () => ({
      sql: `CREATE CONNECTION c WITH ('type' = 'vertexai', 'endpoint' = '${vertex.endpoint('publishers/google/models/gemini-2.5-flash')}', 'service-key' = '\${env:E2E_VERTEX_KEY}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'vertexai', 'task' = 'classification', 'vertexai.connection' = 'c', 'vertexai.params.flavour' = 'sweet');`,
      secrets: [privateKeyPart(vertex.serviceKey)],
    }),
    says: ['400', 'INVALID_ARGUMENT', 'Unknown name "flavour"'],
  },
];

describe('provider error bodies through the CLI: coded, located, with the provider message, no secrets', () => {
  it.each(CASES)('$family', async ({ setup, input, says }) => {
    const { sql: statements, secrets } = setup();
    const sql = `${statements}
CREATE TABLE t (id INT, txt STRING);
INSERT INTO t VALUES (1, '${input ?? 'I love it'}');
SELECT id, label
FROM t, LATERAL TABLE(ML_PREDICT('m', txt, MAP['retry_count', 0]));`;
    const dir = newDataDir();
    const run = await lateral(dir, sql, { env: { E2E_VERTEX_KEY: vertex.serviceKey } });
    const stderr = expectFailure(run, 'LATERAL_ERR_PROVIDER_HTTP', positionOf(sql, "ML_PREDICT('m'"));
    for (const words of says) expect(stderr).toContain(words);
    expect(run.stdout).toBe('');
    expectNoSecrets(run, secrets);
  });
});
