import type { Diagnostic, ResolvedModel } from '@lateral/spec';
import { awsConnectionDiagnostics } from '@lateral/provider-utils';
import { SAGEMAKER_ENDPOINT_RULES } from './sagemaker-connection.js';
import { checkSageMakerOptions } from './sagemaker-options.js';

/** CREATE MODEL checks: a usable endpoint, a signing region, header values SageMaker accepts. */
export function validateSageMakerModel(model: ResolvedModel): Diagnostic[] {
  return [...awsConnectionDiagnostics(SAGEMAKER_ENDPOINT_RULES, model.connection), ...checkSageMakerOptions(model.providerOptions)];
}
