import type { ResolvedModel } from '@lateral/spec';
import { declaredLimits, limiterKey } from './pacing-declared-limits.js';
import { EndpointLimiter } from './pacing-endpoint-limiter.js';

/**
 * The runtime's limiters, one per endpoint key. A limiter outlives the sessions that use it, so
 * what it learned about a provider's limits carries over to the next statement of a script.
 */
export class LimiterRegistry {
  private readonly limiters = new Map<string, EndpointLimiter>();

  constructor(private readonly now: () => number = Date.now) {}

  forModel(model: ResolvedModel): EndpointLimiter {
    const key = limiterKey(model);
    const limits = declaredLimits(model);
    const existing = this.limiters.get(key);
    if (existing) {
      existing.declare(limits);
      return existing;
    }
    const limiter = new EndpointLimiter(key, limits, this.now);
    this.limiters.set(key, limiter);
    return limiter;
  }

  async close(): Promise<void> {
    const limiters = [...this.limiters.values()];
    this.limiters.clear();
    await Promise.all(limiters.map((limiter) => limiter.close()));
  }
}
