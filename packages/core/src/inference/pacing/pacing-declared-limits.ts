import type { ResolvedModel } from '@lateral/spec';
import type { ParamObject } from '@lateral/spec';

/** Limits the user declared for an endpoint: model options win over connection options. */
export interface DeclaredLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

export function declaredLimits(model: ResolvedModel): DeclaredLimits {
  const modelOptions = model.providerOptions;
  const connectionOptions = model.connection?.options ?? {};
  return {
    requestsPerMinute:
      positive(modelOptions['requests_per_minute'] ?? modelOptions['requests-per-minute']) ??
      positive(connectionOptions['requests-per-minute'] ?? connectionOptions['requests_per_minute']),
    tokensPerMinute:
      positive(modelOptions['tokens_per_minute'] ?? modelOptions['tokens-per-minute']) ??
      positive(connectionOptions['tokens-per-minute'] ?? connectionOptions['tokens_per_minute']),
  };
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.trim());
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/**
 * One limiter per endpoint: provider + endpoint origin and path (never the query string, which
 * may hold a key) + the provider-side model id, because providers such as OpenAI limit each model
 * separately on one URL. Providers without a connection (local) are keyed by model.
 */
export function limiterKey(model: ResolvedModel): string {
  const endpoint = model.connection?.endpoint;
  if (!endpoint) return `${model.providerId} model:${model.name}`;
  let where: string;
  try {
    const url = new URL(endpoint);
    where = `${url.origin}${url.pathname}`;
  } catch {
    where = `connection:${model.connection?.name ?? ''}`;
  }
  return `${model.providerId} ${where}${model.modelVersion ? ` ${model.modelVersion}` : ''}`;
}

const OUTPUT_TOKEN_PARAMS = ['max_tokens', 'max_output_tokens', 'max_completion_tokens', 'maxoutputtokens', 'max_new_tokens'];

/** Output tokens a request may use, from `<p>.params.*`: providers count them against token limits. */
export function expectedOutputTokens(params: ParamObject): number {
  for (const key of OUTPUT_TOKEN_PARAMS) {
    const value = params[key];
    if (typeof value === 'number' && value > 0) return value;
  }
  return 0;
}
