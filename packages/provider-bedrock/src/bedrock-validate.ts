import type { Diagnostic, ResolvedModel } from '@lateral/core';
import { awsRegionOf } from './bedrock-connection.js';
import { parseBedrockEndpoint } from './bedrock-endpoint.js';

/** CREATE MODEL checks: a usable endpoint, a signing region, guardrail options in pairs. */
export function validateBedrockModel(model: ResolvedModel): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const connection = model.connection;
  if (connection) {
    try {
      const endpoint = parseBedrockEndpoint(connection.endpoint);
      const region = awsRegionOf('bedrock', endpoint.hostRegion, connection);
      if ('problem' in region) diagnostics.push({ code: region.code, message: region.problem, option: 'region' });
    } catch (error) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', message: (error as Error).message, option: 'endpoint' });
    }
  }
  const identifier = model.providerOptions.guardrail_identifier;
  const version = model.providerOptions.guardrail_version;
  if ((identifier === undefined) !== (version === undefined)) {
    const missing = identifier === undefined ? 'guardrail_identifier' : 'guardrail_version';
    diagnostics.push({
      code: 'LATERAL_ERR_OPTION_MISSING',
      message: `bedrock.guardrail_identifier and bedrock.guardrail_version must be set together; 'bedrock.${missing}' is missing.`,
      option: `bedrock.${missing}`,
    });
  }
  return diagnostics;
}
