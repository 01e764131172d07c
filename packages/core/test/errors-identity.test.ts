import { describe, expect, it } from 'vitest';
import { LateralError, ProviderCallError } from '@lateral/core';

/** Each error class answers `isInstance` for its own kind only, also for a copy from another realm. */
describe('error identity', () => {
  const providerError = () =>
    new ProviderCallError({ code: 'LATERAL_ERR_PROVIDER_HTTP', message: 'x: 500', providerId: 'x', status: 500, retryable: true });

  it('a plain LateralError is not a ProviderCallError', () => {
    const plain = new LateralError({ code: 'LATERAL_ERR_OPTION_INVALID', message: 'bad option' });
    expect(LateralError.isInstance(plain)).toBe(true);
    expect(ProviderCallError.isInstance(plain)).toBe(false);
  });

  it('a ProviderCallError is both', () => {
    const error = providerError();
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(LateralError.isInstance(error)).toBe(true);
  });

  it('is recognised by its marker, not its prototype (a duplicate copy of core)', () => {
    const copy = Object.assign(Object.create(null) as object, providerError());
    for (const symbol of Object.getOwnPropertySymbols(providerError())) (copy as Record<symbol, unknown>)[symbol] = true;
    expect(ProviderCallError.isInstance(copy)).toBe(true);
    expect(ProviderCallError.isInstance({ retryable: true, providerId: 'x' })).toBe(false);
    expect(ProviderCallError.isInstance(null)).toBe(false);
    expect(ProviderCallError.isInstance('ProviderCallError')).toBe(false);
  });
});
