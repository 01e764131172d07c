import { normalizeFormatName, type Diagnostic, type ProviderV1, type ResolvedModel } from '@lateral/spec';
import { vertexAIConnectionSchema } from './vertexai-connection.js';
import { vertexDefaultInputFormat } from './vertexai-default-format.js';
import { isPredictFormat, parseVertexEndpoint, type VertexEndpoint } from './vertexai-endpoint.js';
import { describeVertexAIError } from './vertexai-error.js';
import { vertexAIModelOptions } from './vertexai-options.js';
import { createVertexAITransport, VERTEXAI_PROVIDER_ID } from './vertexai-transport.js';

/** Vertex AI (custom endpoints and publisher models): reference §12, §13; confluent-dialect §5.5, §10. */
export const vertexaiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: VERTEXAI_PROVIDER_ID,
  connectionTypes: ['vertexai'],
  requiresConnection: true,
  connectionSchemas: [vertexAIConnectionSchema],
  modelOptions: vertexAIModelOptions,
  // Text-embedding publisher models take at most 250 instances per :predict (reference §13.4).
  capabilities: { maxRowsPerRequest: 250 },
  maxRowsPerRequest,
  defaultInputFormat: vertexDefaultInputFormat,
  validateModel,
  createTransport: createVertexAITransport,
  describeError: describeVertexAIError,
};

/** `gemini-embedding-*` publisher models take exactly one instance per `:predict` (reference §13.4). */
function maxRowsPerRequest(model: ResolvedModel): number | undefined {
  try {
    const endpoint = model.connection ? parseVertexEndpoint(model.connection.endpoint) : undefined;
    return endpoint?.kind === 'publisher' && endpoint.model?.startsWith('gemini-embedding') ? 1 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An explicit verb the body cannot match fails every request, so it is reported at CREATE MODEL:
 * `:predict` needs an `instances` format, `:generateContent` a Gemini one.
 */
function validateModel(model: ResolvedModel): Diagnostic[] {
  let endpoint: VertexEndpoint | undefined;
  try {
    endpoint = model.connection ? parseVertexEndpoint(model.connection.endpoint) : undefined;
  } catch {
    return [];
  }
  const format = model.inputFormat.id;
  const verb = endpoint?.verb?.replace(/^stream/, '').replace(/^./, (c) => c.toLowerCase());
  if (endpoint?.kind === 'publisher' && verb === 'predict' && !isPredictFormat(format)) {
    return [conflict(`the endpoint's :predict takes {"instances": [...]} bodies (VERTEX-EMBED, TF-SERVING), not ${format}.`)];
  }
  if (verb === 'generateContent' && normalizeFormatName(format) !== normalizeFormatName('GEMINI-GENERATE')) {
    return [conflict(`the endpoint's :generateContent takes GEMINI-GENERATE bodies, not ${format}.`)];
  }
  return [];
}

function conflict(message: string): Diagnostic {
  return { code: 'LATERAL_ERR_OPTION_CONFLICT', option: 'vertexai.input_format', message: `vertexai: ${message}` };
}
