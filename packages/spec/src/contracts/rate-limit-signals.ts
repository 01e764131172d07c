/**
 * The response headers a provider reports its rate limits in, declared by the provider
 * (`ProviderV1.rateLimitSignals`) so the kernel's pacing reads them without knowing any provider.
 * Each field lists header names (lower case) in order of preference; the first one present is
 * read. Counts are plain numbers; resets are Go durations (`6m0s`), seconds or RFC 3339 times.
 */
export interface RateLimitHeaderNames {
  readonly limitRequests?: readonly string[];
  readonly remainingRequests?: readonly string[];
  readonly resetRequests?: readonly string[];
  readonly limitTokens?: readonly string[];
  readonly remainingTokens?: readonly string[];
  readonly resetTokens?: readonly string[];
}
