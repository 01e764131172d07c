import type { Diagnostic, OptionSpec } from '@lateral/spec';

interface HeaderOption {
  spec: OptionSpec;
  /** InvokeEndpoint request header (provider-protocols §8). */
  header: string;
  /** Length and character rules of the service model; undefined when any string goes. */
  check?: (value: string) => string | undefined;
}

const NAME_63 = /^[a-zA-Z0-9](?:-*[a-zA-Z0-9])*$/;

function maxLength(limit: number, pattern?: RegExp, what = 'characters'): (value: string) => string | undefined {
  return (value) => {
    if (value.length === 0 || value.length > limit) return `must be 1 to ${limit} ${what} long`;
    if (pattern && !pattern.test(value)) return `must match ${pattern.source}`;
    return undefined;
  };
}

/**
 * The documented `sagemaker.*` options (confluent-dialect §5.5), each passed in its
 * `X-Amzn-SageMaker-*` header; limits from the SageMaker runtime service model.
 */
const HEADER_OPTIONS: readonly HeaderOption[] = [
  {
    spec: { key: 'custom_attributes', type: 'string', description: 'Opaque value passed to the model container (header X-Amzn-SageMaker-Custom-Attributes), e.g. accept_eula=true.' },
    header: 'x-amzn-sagemaker-custom-attributes',
    check: (value) => (value.length > 1024 || !/^[\x20-\x7e]*$/.test(value) ? 'must be at most 1024 printable ASCII characters' : undefined),
  },
  {
    spec: { key: 'enable_explanations', type: 'string', description: 'SageMaker Clarify JMESPath expression (header X-Amzn-SageMaker-Enable-Explanations); explanations are not read back.' },
    header: 'x-amzn-sagemaker-enable-explanations',
    check: maxLength(64),
  },
  {
    spec: { key: 'inference_component_name', type: 'string', description: 'Inference component to invoke (header X-Amzn-SageMaker-Inference-Component).' },
    header: 'x-amzn-sagemaker-inference-component',
    check: maxLength(63, NAME_63),
  },
  {
    spec: { key: 'inference_id', type: 'string', description: 'Caller-chosen id for request tracking (header X-Amzn-SageMaker-Inference-Id).' },
    header: 'x-amzn-sagemaker-inference-id',
    check: maxLength(64, /^\S[\x20-\x7e]*$/),
  },
  {
    spec: { key: 'target_container_hostname', type: 'string', description: 'Container of a multi-container endpoint with direct invocation (header X-Amzn-SageMaker-Target-Container-Hostname).' },
    header: 'x-amzn-sagemaker-target-container-hostname',
    check: maxLength(63, NAME_63),
  },
  {
    spec: { key: 'target_model', type: 'string', description: 'Model of a multi-model endpoint, e.g. model.tar.gz (header X-Amzn-SageMaker-Target-Model).' },
    header: 'x-amzn-sagemaker-target-model',
    check: maxLength(1024, /^\S+$/),
  },
  {
    spec: { key: 'target_variant', type: 'string', description: 'Production variant to invoke (header X-Amzn-SageMaker-Target-Variant).' },
    header: 'x-amzn-sagemaker-target-variant',
    check: maxLength(63, NAME_63),
  },
];

export const sagemakerModelOptions: readonly OptionSpec[] = HEADER_OPTIONS.map((option) => option.spec);

/** The `X-Amzn-SageMaker-*` headers the model's options ask for (signed with the rest). */
export function sagemakerOptionHeaders(providerOptions: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const option of HEADER_OPTIONS) {
    const value = providerOptions[option.spec.key];
    if (value !== undefined && value !== '') headers[option.header] = value;
  }
  return headers;
}

/** Values SageMaker would refuse with a ValidationError, reported at CREATE MODEL time instead. */
export function checkSageMakerOptions(providerOptions: Record<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const option of HEADER_OPTIONS) {
    const value = providerOptions[option.spec.key];
    const problem = value === undefined ? undefined : option.check?.(value);
    if (problem) {
      diagnostics.push({
        code: 'LATERAL_ERR_OPTION_INVALID',
        message: `sagemaker.${option.spec.key} ${problem}.`,
        option: `sagemaker.${option.spec.key}`,
      });
    }
  }
  return diagnostics;
}
