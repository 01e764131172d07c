/**
 * Events per second over the last two seconds (by default), in 100 ms buckets: cheap at any rate,
 * and enough history to estimate what a provider let through just before it started refusing.
 * A slow provider's window is longer (fewer, wider buckets).
 */
export class RateWindow {
  private readonly counts: number[];
  private readonly stamps: number[];
  private firstAt: number | undefined;

  constructor(
    private readonly bucketMs = 100,
    private readonly buckets = 20,
  ) {
    this.counts = new Array<number>(buckets).fill(0);
    this.stamps = new Array<number>(buckets).fill(-1);
  }

  add(at: number): void {
    this.firstAt ??= at;
    const slot = Math.floor(at / this.bucketMs);
    const index = slot % this.buckets;
    if (this.stamps[index] !== slot) {
      this.stamps[index] = slot;
      this.counts[index] = 0;
    }
    this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  /** Events in the window. */
  count(now: number): number {
    const current = Math.floor(now / this.bucketMs);
    let total = 0;
    for (let index = 0; index < this.buckets; index += 1) {
      const stamp = this.stamps[index] ?? -1;
      if (stamp >= 0 && current - stamp < this.buckets) total += this.counts[index] ?? 0;
    }
    return total;
  }

  /** Events per second; 0 before the first event. */
  rate(now: number): number {
    if (this.firstAt === undefined) return 0;
    const spanMs = Math.min(this.buckets * this.bucketMs, Math.max(this.bucketMs, now - this.firstAt));
    return (this.count(now) * 1000) / spanMs;
  }
}
