import { availableParallelism } from 'node:os';

/**
 * Threads a local model may use: `LATERAL_LOCAL_THREADS`, else one per usable core, never more.
 * llama.cpp's threads spin at their barriers, so more threads than cores (node-llama-cpp's
 * default) made generation hundreds of times slower on a busy 2-core machine; onnxruntime behaves
 * the same way. Setting 1 suits machines shared with other work (and the tests).
 */
export function localThreads(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.LATERAL_LOCAL_THREADS);
  return Number.isInteger(configured) && configured > 0 ? configured : availableParallelism();
}
