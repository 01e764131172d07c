import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseServiceAccountKey, validateVertexSecrets, vertexaiProvider } from '@lateral/provider-vertexai';
import { createServiceAccount, serviceKeyJson } from '../../../test/fakes/google-oauth-fake.js';
import { vertexModel } from './vertexai-test-model.js';

const account = createServiceAccount();
const goodKey = serviceKeyJson(account, 'https://oauth2.googleapis.com/token');
const privateKeyLine = account.privateKeyPem.split('\n')[1]!;

function problemOf(serviceKey: string): string | undefined {
  const diagnostics = validateVertexSecrets({ 'service-key': serviceKey });
  for (const d of diagnostics) {
    expect(d).toMatchObject({ code: 'LATERAL_ERR_OPTION_INVALID', option: 'service-key' });
    expect(d.message).not.toContain(privateKeyLine);
  }
  return diagnostics[0]?.message;
}

describe('vertexai connection schema', () => {
  it('declares service-key as its one required secret', () => {
    const [schema] = vertexaiProvider.connectionSchemas;
    expect(schema).toMatchObject({ types: ['vertexai'], secretKeys: ['service-key'], requiredKeys: ['service-key'], optionalKeys: [] });
    expect(vertexaiProvider.connectionTypes).toEqual(['vertexai']);
  });

  it('accepts a service-account key and reads the fields the token exchange needs', () => {
    expect(problemOf(goodKey)).toBeUndefined();
    const parsed = parseServiceAccountKey(goodKey);
    expect(parsed).toEqual({
      ok: true,
      key: {
        clientEmail: account.clientEmail,
        privateKey: account.privateKeyPem,
        privateKeyId: account.privateKeyId,
        tokenUri: 'https://oauth2.googleapis.com/token',
        projectId: account.projectId,
      },
    });
  });

  it.each([
    ['{"type": "service_account", "private_key": "-----BEGIN', 'service-key is not valid JSON; expected the JSON key file of a Google Cloud service account.'],
    ['["a"]', 'service-key must be a JSON object (the key file of a Google Cloud service account).'],
    [JSON.stringify({ type: 'authorized_user', client_id: 'x' }), "service-key must be a service-account key (type 'service_account'), not 'authorized_user'."],
    [serviceKeyJson(account, 'https://oauth2.googleapis.com/token', { client_email: undefined, token_uri: '' }), 'service-key lacks client_email, token_uri.'],
    [serviceKeyJson(account, 'file:///etc/passwd'), 'service-key token_uri is not an http(s) URL.'],
    [serviceKeyJson(account, 'https://oauth2.googleapis.com/token', { private_key: `${account.privateKeyPem.slice(0, 200)}` }), 'service-key private_key is not a PEM private key.'],
  ])('refuses %s without echoing it', (serviceKey, message) => {
    expect(problemOf(serviceKey)).toBe(message);
  });

  it('refuses a non-RSA private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(problemOf(serviceKeyJson(account, 'https://oauth2.googleapis.com/token', { private_key: ec.privateKey }))).toBe('service-key private_key is not an RSA key.');
  });

  it('leaves ${env:NAME} references to run time', () => {
    expect(validateVertexSecrets({ 'service-key': '${env:VERTEX_SERVICE_KEY}' })).toEqual([]);
  });

  it('createTransport refuses an unusable key with LATERAL_ERR_PROVIDER_AUTH and no secret in the message', () => {
    const broken = serviceKeyJson(account, 'https://oauth2.googleapis.com/token', { client_email: undefined });
    const model = vertexModel('https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/endpoints/1', broken);
    expect(() => vertexaiProvider.createTransport(model, {})).toThrow(expect.objectContaining({ code: 'LATERAL_ERR_PROVIDER_AUTH', message: "Connection 'vertex_connection': service-key lacks client_email." }));
  });
});

describe('vertexai validateModel', () => {
  const parent = 'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1';
  const model = (endpoint: string, format: string) => vertexModel(endpoint, goodKey, { inputFormat: { id: format }, outputFormat: { id: format } });

  it('accepts formats that fit the endpoint verb', () => {
    expect(vertexaiProvider.validateModel!(model(`${parent}/publishers/google/models/gemini-2.5-flash:generateContent`, 'GEMINI-GENERATE'))).toEqual([]);
    expect(vertexaiProvider.validateModel!(model(`${parent}/publishers/google/models/text-embedding-005:predict`, 'VERTEX-EMBED'))).toEqual([]);
    expect(vertexaiProvider.validateModel!(model(`${parent}/endpoints/1:predict`, 'JSON'))).toEqual([]);
    expect(vertexaiProvider.validateModel!(model(`${parent}/publishers/google/models/gemini-2.5-flash`, 'GEMINI-GENERATE'))).toEqual([]);
  });

  it('reports a format the explicit verb cannot take', () => {
    expect(vertexaiProvider.validateModel!(model(`${parent}/publishers/google/models/text-embedding-005:predict`, 'GEMINI-GENERATE'))).toEqual([
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option: 'vertexai.input_format',
        message: `vertexai: the endpoint's :predict takes {"instances": [...]} bodies (VERTEX-EMBED, TF-SERVING), not GEMINI-GENERATE.`,
      },
    ]);
    expect(vertexaiProvider.validateModel!(model(`${parent}/publishers/google/models/gemini-2.5-flash:streamGenerateContent`, 'OPENAI-CHAT'))[0]?.message).toBe(
      "vertexai: the endpoint's :generateContent takes GEMINI-GENERATE bodies, not OPENAI-CHAT.",
    );
  });
});
