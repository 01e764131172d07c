const BUCKET_MS = 100;
const BUCKETS = 20;

/**
 * Events per second over the last two seconds, in 100 ms buckets: cheap at any rate, and enough
 * history to estimate what a provider let through just before it started refusing.
 */
export class RateWindow {
  private readonly counts = new Array<number>(BUCKETS).fill(0);
  private readonly stamps = new Array<number>(BUCKETS).fill(-1);
  private firstAt: number | undefined;

  add(at: number): void {
    this.firstAt ??= at;
    const slot = Math.floor(at / BUCKET_MS);
    const index = slot % BUCKETS;
    if (this.stamps[index] !== slot) {
      this.stamps[index] = slot;
      this.counts[index] = 0;
    }
    this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  /** Events in the last two seconds. */
  count(now: number): number {
    const current = Math.floor(now / BUCKET_MS);
    let total = 0;
    for (let index = 0; index < BUCKETS; index += 1) {
      const stamp = this.stamps[index] ?? -1;
      if (stamp >= 0 && current - stamp < BUCKETS) total += this.counts[index] ?? 0;
    }
    return total;
  }

  /** Events per second; 0 before the first event. */
  rate(now: number): number {
    if (this.firstAt === undefined) return 0;
    const spanMs = Math.min(BUCKETS * BUCKET_MS, Math.max(BUCKET_MS, now - this.firstAt));
    return (this.count(now) * 1000) / spanMs;
  }
}
