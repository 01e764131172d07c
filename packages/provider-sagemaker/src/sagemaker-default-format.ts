import type { DefaultFormatContext } from '@lateral/spec';

/** SageMaker's default input format is CSV whatever the endpoint (confluent-dialect §10). */
export const SAGEMAKER_DEFAULT_FORMAT = 'CSV';

export function sagemakerDefaultInputFormat(_context: DefaultFormatContext): string {
  return SAGEMAKER_DEFAULT_FORMAT;
}
