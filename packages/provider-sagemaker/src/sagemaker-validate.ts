import type { Diagnostic, ResolvedModel } from '@lateral/core';
import { awsRegionOf } from './sagemaker-connection.js';
import { parseSageMakerEndpoint } from './sagemaker-endpoint.js';
import { checkSageMakerOptions } from './sagemaker-options.js';

/** CREATE MODEL checks: a usable endpoint, a signing region, header values SageMaker accepts. */
export function validateSageMakerModel(model: ResolvedModel): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const connection = model.connection;
  if (connection) {
    try {
      const endpoint = parseSageMakerEndpoint(connection.endpoint);
      const region = awsRegionOf('sagemaker', endpoint.hostRegion, connection);
      if ('problem' in region) diagnostics.push({ code: region.code, message: region.problem, option: 'region' });
    } catch (error) {
      diagnostics.push({ code: 'LATERAL_ERR_OPTION_INVALID', message: (error as Error).message, option: 'endpoint' });
    }
  }
  diagnostics.push(...checkSageMakerOptions(model.providerOptions));
  return diagnostics;
}
