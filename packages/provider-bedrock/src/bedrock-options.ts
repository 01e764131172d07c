import type { OptionSpec } from '@lateral/spec';

/**
 * Bedrock-specific model options (Lateral extensions: the dialect documents none for Bedrock).
 * Each becomes an `X-Amzn-Bedrock-*` request header of InvokeModel (provider-protocols §7.1).
 */
export const bedrockModelOptions: readonly OptionSpec[] = [
  { key: 'guardrail_identifier', type: 'string', description: 'Guardrail id or ARN applied to the call (header X-Amzn-Bedrock-GuardrailIdentifier); needs guardrail_version.' },
  { key: 'guardrail_version', type: 'string', description: "Guardrail version, e.g. '1' or 'DRAFT' (header X-Amzn-Bedrock-GuardrailVersion)." },
  { key: 'trace', type: 'string', allowed: ['ENABLED', 'DISABLED', 'ENABLED_FULL'], description: 'Guardrail trace (header X-Amzn-Bedrock-Trace).' },
  { key: 'performance_config_latency', type: 'string', allowed: ['standard', 'optimized'], description: 'Latency-optimised inference (header X-Amzn-Bedrock-PerformanceConfig-Latency).' },
];

const HEADER_OF: Record<string, string> = {
  guardrail_identifier: 'x-amzn-bedrock-guardrailidentifier',
  guardrail_version: 'x-amzn-bedrock-guardrailversion',
  trace: 'x-amzn-bedrock-trace',
  performance_config_latency: 'x-amzn-bedrock-performanceconfig-latency',
};

/** The request headers the model's options ask for (signed with the rest). */
export function bedrockOptionHeaders(providerOptions: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, header] of Object.entries(HEADER_OF)) {
    const value = providerOptions[key];
    if (value === undefined || value === '') continue;
    // the service's enumerations are case-sensitive: send them as AWS spells them
    headers[header] = key === 'trace' ? value.toUpperCase() : key === 'performance_config_latency' ? value.toLowerCase() : value;
  }
  return headers;
}
