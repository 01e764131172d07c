import type { RateLimitHeaderNames } from '@lateral/spec';

/**
 * The `x-ratelimit-*` headers OpenAI and the servers that copy its API (Azure OpenAI, Fireworks)
 * send (provider-protocols §3.6): counts, and resets as Go durations (`1s`, `6m0s`).
 */
export const OPENAI_STYLE_RATE_LIMIT_HEADERS: RateLimitHeaderNames = {
  limitRequests: ['x-ratelimit-limit-requests'],
  remainingRequests: ['x-ratelimit-remaining-requests'],
  resetRequests: ['x-ratelimit-reset-requests'],
  limitTokens: ['x-ratelimit-limit-tokens'],
  remainingTokens: ['x-ratelimit-remaining-tokens'],
  resetTokens: ['x-ratelimit-reset-tokens'],
};
