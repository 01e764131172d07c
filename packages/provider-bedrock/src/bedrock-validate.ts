import type { Diagnostic, ResolvedModel } from '@lateral/spec';
import { awsConnectionDiagnostics } from '@lateral/provider-utils';
import { BEDROCK_ENDPOINT_RULES } from './bedrock-connection.js';

/** CREATE MODEL checks: a usable endpoint, a signing region, guardrail options in pairs. */
export function validateBedrockModel(model: ResolvedModel): Diagnostic[] {
  const diagnostics = awsConnectionDiagnostics(BEDROCK_ENDPOINT_RULES, model.connection);
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
