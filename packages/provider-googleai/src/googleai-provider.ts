import { normalizeFormatName, type Diagnostic, type ProviderV1, type ResolvedModel } from '@lateral/spec';
import { googleAIConnectionSchema } from './googleai-connection.js';
import { googleAIDefaultInputFormat } from './googleai-default-format.js';
import { parseGoogleAIEndpoint, type GoogleAIEndpoint } from './googleai-endpoint.js';
import { describeGoogleAIError } from './googleai-error.js';
import { googleAIModelOptions } from './googleai-options.js';
import { createGoogleAITransport, GOOGLEAI_PROVIDER_ID } from './googleai-transport.js';
import { GEMINI_EMBED_FORMAT_ID, GEMINI_EMBED_MAX_ROWS } from './formats/gemini-embed-format.js';

/** Google AI (Gemini API, AI Studio keys): reference §11, confluent-dialect §5.5 and §10. */
export const googleaiProvider: ProviderV1 = {
  specificationVersion: 'v1',
  id: GOOGLEAI_PROVIDER_ID,
  connectionTypes: ['googleai'],
  requiresConnection: true,
  connectionSchemas: [googleAIConnectionSchema],
  modelOptions: googleAIModelOptions,
  capabilities: { maxRowsPerRequest: GEMINI_EMBED_MAX_ROWS },
  defaultInputFormat: googleAIDefaultInputFormat,
  validateModel,
  createTransport: createGoogleAITransport,
  describeError: describeGoogleAIError,
};

/**
 * GEMINI-EMBED must name its model (endpoint path or `googleai.model_version`); any other format
 * on an embedding verb would send a body that verb rejects on every request.
 */
function validateModel(model: ResolvedModel): Diagnostic[] {
  const endpoint = model.connection?.endpoint;
  let parsed: GoogleAIEndpoint | undefined;
  try {
    parsed = endpoint ? parseGoogleAIEndpoint(endpoint) : undefined;
  } catch {
    parsed = undefined;
  }
  if (normalizeFormatName(model.inputFormat.id) !== normalizeFormatName(GEMINI_EMBED_FORMAT_ID)) {
    if (!/embedcontent/i.test(parsed?.verb ?? '')) return [];
    return [
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option: 'googleai.input_format',
        message: `googleai: the endpoint's :${parsed?.verb} takes GEMINI-EMBED bodies, not ${model.inputFormat.id}.`,
      },
    ];
  }
  if (parsed?.resource !== undefined || model.modelVersion) return [];
  return [
    {
      code: 'LATERAL_ERR_OPTION_MISSING',
      option: 'googleai.model_version',
      message: 'GEMINI-EMBED needs a model: name it in the endpoint path (…/models/<model>:batchEmbedContents) or set googleai.model_version.',
    },
  ];
}
