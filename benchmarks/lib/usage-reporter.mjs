// @ts-check
/**
 * Preloaded into a measured process (`node --import <this file> ...`): when the process exits it
 * writes its own resource usage to the file named by BENCH_USAGE_FILE. `process.resourceUsage()`
 * is getrusage(RUSAGE_SELF): CPU of every thread of the process (worker threads included) and the
 * peak resident set size, which a parent cannot read once the child is gone.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.BENCH_USAGE_FILE;
if (target && isMainThread) {
  const startedAt = performance.now();
  process.on('exit', (code) => {
    const usage = process.resourceUsage();
    const report = {
      code,
      userCpuMs: usage.userCPUTime / 1000,
      systemCpuMs: usage.systemCPUTime / 1000,
      maxRssKb: usage.maxRSS,
      aliveMs: performance.now() - startedAt,
    };
    try {
      writeFileSync(target, JSON.stringify(report));
    } catch {
      // The parent reports the run as unmeasured; nothing else to do in an exit handler.
    }
  });
}
