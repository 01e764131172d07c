import type { OptionSpec } from '@lateral/spec';

/** Routes every request to one named deployment of the endpoint, bypassing the traffic split. */
export const DEPLOYMENT_HEADER = 'azureml-model-deployment';

/** The documented `azureml.*` option (confluent-dialect §5.5). */
export const azuremlModelOptions: readonly OptionSpec[] = [
  {
    key: 'deployment_name',
    type: 'string',
    description: 'Deployment of a shared endpoint to call (header azureml-model-deployment); the traffic split decides when unset.',
  },
];

export function azuremlOptionHeaders(providerOptions: Record<string, string>): Record<string, string> {
  const deployment = providerOptions.deployment_name?.trim();
  return deployment ? { [DEPLOYMENT_HEADER]: deployment } : {};
}
