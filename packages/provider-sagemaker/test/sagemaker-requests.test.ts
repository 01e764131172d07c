import { afterEach, describe, expect, it } from 'vitest';
import { createSageMakerTransport, tritonBinaryHeaders } from '@lateral/provider-sagemaker';
import { featureScore, startSageMakerFake, type SageMakerFake, type SageMakerFakeOptions } from '../../../test/fakes/sagemaker-fake.js';
import { DOUBLE, INT, column, invoke, sagemakerModel, sagemakerRegistry, type SageMakerModelFixture } from './sagemaker-test-kit.js';

const registry = sagemakerRegistry();
let fake: SageMakerFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(rows: unknown[][], fixture: SageMakerModelFixture = {}, options: SageMakerFakeOptions = {}) {
  fake = await startSageMakerFake(options);
  const model = sagemakerModel(registry, fake, fixture);
  const result = await invoke(registry, model, rows);
  return { result, request: fake.requests.at(-1)!, fake };
}

describe('sagemaker requests through the fake (SigV4 verified, service sagemaker)', () => {
  it('CSV (the default): multi-column numeric rows, one line each in a batched request (max_batch_size), one prediction line per row', async () => {
    const rows = [
      [1.5, 2, 3],
      [0, 0, 1],
      [-1, 4, 0.25],
    ];
    const { result, request } = await run(rows);
    expect(request.url).toBe('/endpoints/my-endpoint/invocations');
    expect(request.body.toString('utf8')).toBe('1.5,2,3\n0,0,1\n-1,4,0.25');
    expect(request.headers['content-type']).toBe('text/csv');
    expect(request.headers.accept).toBe('text/csv');
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLATERALSAGEMAKERFAKE\/\d{8}\/us-east-1\/sagemaker\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(result.decoded.rows).toEqual([[14.5], [3], [7.75]]);
    expect(result.decoded.rows.map((row) => row[0])).toEqual(rows.map(featureScore));
  });

  it('CSV: several output columns are read positionally', async () => {
    const { result } = await run([[1, 1, 1]], { output: [column('score', DOUBLE), column('double_score', DOUBLE)] }, { outputColumns: 2 });
    expect(result.decoded.rows).toEqual([[6, 12]]);
  });

  it('sends every sagemaker.* option as its signed X-Amzn-SageMaker-* header', async () => {
    const providerOptions = {
      custom_attributes: 'accept_eula=true',
      enable_explanations: '`true`',
      inference_component_name: 'ic-1',
      inference_id: 'row-batch-7',
      target_container_hostname: 'container-a',
      target_model: 'model-v2.tar.gz',
      target_variant: 'AllTraffic',
    };
    const { request, result } = await run([[1, 2, 3]], { providerOptions });
    expect(request.headers).toMatchObject({
      'x-amzn-sagemaker-custom-attributes': 'accept_eula=true',
      'x-amzn-sagemaker-enable-explanations': '`true`',
      'x-amzn-sagemaker-inference-component': 'ic-1',
      'x-amzn-sagemaker-inference-id': 'row-batch-7',
      'x-amzn-sagemaker-target-container-hostname': 'container-a',
      'x-amzn-sagemaker-target-model': 'model-v2.tar.gz',
      'x-amzn-sagemaker-target-variant': 'AllTraffic',
    });
    expect(request.headers.authorization).toContain(
      'SignedHeaders=accept;content-type;host;x-amz-date;x-amzn-sagemaker-custom-attributes;x-amzn-sagemaker-enable-explanations;' +
        'x-amzn-sagemaker-inference-component;x-amzn-sagemaker-inference-id;x-amzn-sagemaker-target-container-hostname;' +
        'x-amzn-sagemaker-target-model;x-amzn-sagemaker-target-variant,',
    );
    expect(result.response.headers['x-amzn-sagemaker-custom-attributes']).toBe('accept_eula=true');
    expect(result.response.headers['x-amzn-invoked-production-variant']).toBe('AllTraffic');
  });

  it('JSON: one object of named features, the prediction read by column name', async () => {
    const { request, result } = await run([[2, 3, 0.5]], { inputFormat: 'JSON' });
    expect(request.json).toEqual({ f1: 2, f2: 3, f3: 0.5 });
    expect(request.headers['content-type']).toBe('application/json');
    expect(result.decoded.rows).toEqual([[9.5]]);
  });

  it('TF-SERVING: rows as instances, predictions mapped back to rows', async () => {
    const { request, result } = await run(
      [
        [1, 0, 0],
        [0, 1, 0],
      ],
      { inputFormat: 'TF-SERVING' },
    );
    expect(request.json).toEqual({ instances: [{ f1: 1, f2: 0, f3: 0 }, { f1: 0, f2: 1, f3: 0 }] });
    expect(result.decoded.rows).toEqual([[1], [2]]);
  });

  it('input_content_type / output_content_type override the headers (and they are signed)', async () => {
    fake = await startSageMakerFake();
    const model = { ...sagemakerModel(registry, fake), inputContentType: 'text/csv; charset=utf-8', outputContentType: '*/*' };
    const result = await invoke(registry, model, [[1, 1, 1]]);
    expect(fake.requests[0]!.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(fake.requests[0]!.headers.accept).toBe('*/*');
    expect(result.decoded.rows).toEqual([[6]]);
  });
});

describe('Triton binary requests on SageMaker (reference §9.6 note)', () => {
  it('moves Inference-Header-Content-Length into the SageMaker Triton content type', () => {
    expect(tritonBinaryHeaders({ 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': '148', accept: 'application/json' })).toEqual({
      'content-type': 'application/vnd.sagemaker-triton.binary+json;json-header-size=148',
      accept: 'application/json',
    });
    expect(tritonBinaryHeaders({ 'content-type': 'application/json' })).toEqual({ 'content-type': 'application/json' });
  });

  it('sends (and signs) that content type', async () => {
    fake = await startSageMakerFake();
    const transport = createSageMakerTransport(sagemakerModel(registry, fake, { input: [column('x', INT)] }), {});
    const response = await transport.send({
      body: new Uint8Array([1, 2, 3]),
      headers: { 'content-type': 'application/octet-stream', 'inference-header-content-length': '3', accept: 'application/json' },
    });
    const request = fake.requests[0]!;
    expect(request.headers['content-type']).toBe('application/vnd.sagemaker-triton.binary+json;json-header-size=3');
    expect(request.headers['inference-header-content-length']).toBeUndefined();
    // the signature held (no 403); the fake's container then refuses the type, as a CSV model would
    expect(response.status).toBe(424);
  });
});
